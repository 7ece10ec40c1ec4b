-- Every load scenario of the bench, for wrk: `BENCH_SCENARIO=principal-info wrk -s bench/wrk/scenarios.lua URL`.
-- bench/run.sh and bench/peers/keycloak.sh set the environment below; done() prints one line
--   RESULT <scenario> <requests> <seconds> <req/s> <p50 ms> <p95 ms> <p99 ms> <errors> <items/request> <connections>
-- An error is a socket error, a timeout, or an answer that is not a success: for the XML API, any
-- body without <status code="ok"/> (the API answers HTTP 200 even for failures); for REST peers, any
-- status outside 2xx.
--
-- Environment: BENCH_SCENARIO, BENCH_SESSION (a Breeze session token), BENCH_FIRST_ID/BENCH_LAST_ID
-- (generated user ids), BENCH_BIG_GROUP (id of the 5,000-member group), BENCH_DEEP_START,
-- BENCH_TERMS (file of search terms), BENCH_UUIDS (file of user uuids, for JSON GET by id),
-- BENCH_JSON_CURSOR_2000 (cursor of JSON page 2,000), BENCH_USER_PASSWORD, BENCH_RUN_ID (makes created
-- logins unique across runs), BENCH_BATCH_SIZE (actions per batch POST), BENCH_CONNECTIONS (for the report only);
-- Keycloak: BENCH_KC_TOKEN, BENCH_KC_REALM, BENCH_KC_IDS (file of user ids), BENCH_KC_GROUP.

local env = function(name, default)
  local v = os.getenv(name)
  if v == nil or v == "" then return default end
  return v
end

local scenario = env("BENCH_SCENARIO", "http-ceiling")
local session = env("BENCH_SESSION", "")
local first_id = tonumber(env("BENCH_FIRST_ID", "2000000"))
local last_id = tonumber(env("BENCH_LAST_ID", "2000000"))
local big_group = env("BENCH_BIG_GROUP", "0")
local deep_start = env("BENCH_DEEP_START", "0")
local user_password = env("BENCH_USER_PASSWORD", "Bench-User-Pass-1")
local run_id = env("BENCH_RUN_ID", "0")
local batch_size = tonumber(env("BENCH_BATCH_SIZE", "100"))
local kc_token = env("BENCH_KC_TOKEN", "")
local kc_realm = env("BENCH_KC_REALM", "bench")
local kc_group = env("BENCH_KC_GROUP", "")

local function urlencode(s)
  return (string.gsub(s, "[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function xml_escape(s)
  return (string.gsub(s, "[<>&\"]", { ["<"] = "&lt;", [">"] = "&gt;", ["&"] = "&amp;", ['"'] = "&quot;" }))
end

local function read_lines(file)
  local out = {}
  if file == nil then return out end
  local f = io.open(file, "r")
  if f == nil then return out end
  for line in f:lines() do
    if line ~= "" then out[#out + 1] = line end
  end
  f:close()
  return out
end

-- Per-thread state (every wrk thread runs this file in its own Lua state).
local terms, kc_ids, uuids, ids = {}, {}, {}, {}
local seq = 0
errors = 0
first_error = ""

local function random_user_id() return math.random(first_id, last_id) end
local function random_user_index() return math.random(0, last_id - first_id) end
local function term() return terms[math.random(1, #terms)] end
local function unique_login()
  seq = seq + 1
  return string.sub(scenario, 1, 1) .. run_id .. "t" .. tid .. "n" .. seq .. "@bench.example"
end

local function xml_get(query)
  return wrk.format("GET", "/api/xml?" .. query)
end

local function with_session(query)
  return xml_get(query .. "&session=" .. session)
end

local xml_headers = { ["Content-Type"] = "text/xml" }
local json_headers = { ["Content-Type"] = "application/json" }

local function kc_get(path)
  return wrk.format("GET", "/admin/realms/" .. kc_realm .. path, { ["Authorization"] = "Bearer " .. kc_token })
end

local requests = {}

-- Baselines.
requests["http-ceiling"] = function() return wrk.format("GET", "/bench/ok") end
requests["storage-ceiling"] = function() return wrk.format("GET", "/bench/pk?id=" .. random_user_id()) end
requests["detail-ceiling"] = function() return wrk.format("GET", "/bench/detail?id=" .. random_user_id()) end

-- Breezeway, the XML API.
requests["principal-info"] = function()
  return with_session("action=principal-info&principal-id=" .. random_user_id())
end
-- The same 10,000 users as json-get-by-id (BENCH_IDS and BENCH_UUIDS list them in one order).
requests["principal-info-10k"] = function()
  return with_session("action=principal-info&principal-id=" .. ids[math.random(1, #ids)])
end
requests["list-like"] = function()
  return with_session("action=principal-list&filter-like-name=" .. urlencode(term()) .. "&filter-rows=50")
end
requests["list-first-page"] = function()
  return with_session("action=principal-list&filter-rows=50&filter-start=0&sort-principal-id=asc")
end
requests["list-deep-page"] = function()
  return with_session("action=principal-list&filter-rows=50&filter-start=" .. deep_start .. "&sort-principal-id=asc")
end
requests["list-group-5000"] = function()
  return with_session("action=principal-list&group-id=" .. big_group .. "&filter-is-member=true&filter-rows=5000")
end
requests["login"] = function()
  return xml_get("action=login&login=" .. urlencode("user" .. random_user_index() .. "@bench.example")
      .. "&password=" .. urlencode(user_password))
end
requests["create"] = function()
  local login = urlencode(unique_login())
  return with_session("action=principal-update&type=user&has-children=0&login=" .. login
      .. "&first-name=Bench&last-name=Created+" .. seq .. "&email=" .. login)
end
requests["batch-create"] = function()
  local parts = { '<actions mode="multiple">' }
  for _ = 1, batch_size do
    local login = xml_escape(unique_login())
    parts[#parts + 1] = '<action name="principal-update"><param name="type">user</param>'
        .. '<param name="has-children">0</param><param name="login">' .. login .. '</param>'
        .. '<param name="first-name">Bench</param><param name="last-name">Batch ' .. seq .. '</param>'
        .. '<param name="email">' .. login .. '</param></action>'
  end
  parts[#parts + 1] = "</actions>"
  return wrk.format("POST", "/api/xml?session=" .. session, xml_headers, table.concat(parts))
end

-- The mixed workload: an LMS roster sync and directory scripts at once. Weights in per cent.
local mix = {
  { "principal-info", 50 }, { "list-like", 20 }, { "list-first-page", 5 }, { "list-deep-page", 3 },
  { "list-group-5000", 2 }, { "login", 5 }, { "create", 15 },
}
requests["mixed"] = function()
  local r = math.random(1, 100)
  for _, m in ipairs(mix) do
    r = r - m[2]
    if r <= 0 then return requests[m[1]]() end
  end
  return requests["principal-info"]()
end

-- Breezeway, the JSON API (/resources/iam), with the same admin session as a bearer token. Page 2,000
-- continues after BENCH_JSON_CURSOR_2000, the id of the last principal of page 1,999, which bench/run.sh
-- finds once by walking the cursors (JsonCursor); GET by id takes ids from BENCH_UUIDS.
local function json_get(path)
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. session, ["Accept"] = "application/json" })
end
requests["json-list-first"] = function() return json_get("/resources/iam/principals?limit=50&orderBy=name") end
requests["json-list-page-2000"] = function()
  return json_get("/resources/iam/principals?limit=50&orderBy=name&after=" .. env("BENCH_JSON_CURSOR_2000", ""))
end
requests["json-get-by-id"] = function()
  return json_get("/resources/iam/principals/" .. uuids[math.random(1, #uuids)])
end

-- The peer: Keycloak's admin REST API, the equivalent of each Breezeway scenario.
requests["kc-get-user"] = function() return kc_get("/users/" .. kc_ids[math.random(1, #kc_ids)]) end
requests["kc-search"] = function()
  return kc_get("/users?search=" .. urlencode("*" .. term() .. "*") .. "&first=0&max=50&briefRepresentation=true")
end
requests["kc-first-page"] = function() return kc_get("/users?first=0&max=50&briefRepresentation=true") end
requests["kc-deep-page"] = function()
  return kc_get("/users?first=" .. deep_start .. "&max=50&briefRepresentation=true")
end
requests["kc-group-5000"] = function()
  return kc_get("/groups/" .. kc_group .. "/members?first=0&max=5000&briefRepresentation=true")
end
requests["kc-create"] = function()
  local login = unique_login()
  local body = '{"username":"' .. login .. '","email":"' .. login .. '","firstName":"Bench","lastName":"Created '
      .. seq .. '","enabled":true}'
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. kc_token }
  return wrk.format("POST", "/admin/realms/" .. kc_realm .. "/users", headers, body)
end

local is_rest = string.sub(scenario, 1, 3) == "kc-" or string.sub(scenario, 1, 5) == "json-"
local is_json_list = string.sub(scenario, 1, 10) == "json-list-"
local is_xml = not is_rest and scenario ~= "http-ceiling" and scenario ~= "storage-ceiling"
    and scenario ~= "detail-ceiling"
local make = requests[scenario]
if make == nil then error("unknown BENCH_SCENARIO " .. scenario) end

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(os.time() * 1000 + tid * 7919)
  terms = read_lines(os.getenv("BENCH_TERMS"))
  if #terms == 0 then terms = { "ka" } end
  uuids = read_lines(os.getenv("BENCH_UUIDS"))
  if #uuids == 0 then uuids = { "00000000-0000-4000-8000-000000000000" } end
  ids = read_lines(os.getenv("BENCH_IDS"))
  if #ids == 0 then ids = { tostring(first_id) } end
  kc_ids = read_lines(os.getenv("BENCH_KC_IDS"))
  if #kc_ids == 0 then kc_ids = { "none" } end
end

function request()
  return make()
end

function response(status, headers, body)
  local ok
  if is_xml then
    ok = status == 200 and body ~= nil and string.find(body, '<status code="ok"/>', 1, true) ~= nil
  else
    ok = status >= 200 and status < 300
    -- A list page must hold rows: a lost cursor answers 200 with an empty page in no time.
    if ok and is_json_list then
      ok = body ~= nil and string.find(body, '"principals":[{', 1, true) ~= nil
    end
  end
  if not ok then
    errors = errors + 1
    if first_error == "" then
      first_error = status .. " " .. string.sub(body or "", 1, 300)
    end
  end
end

function done(summary, latency, requests)
  local errs = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local sample = ""
  for _, t in ipairs(threads) do
    errs = errs + (t:get("errors") or 0)
    local fe = t:get("first_error")
    if sample == "" and fe ~= nil and fe ~= "" then sample = fe end
  end
  local seconds = summary.duration / 1e6
  local items = scenario == "batch-create" and batch_size or 1
  if sample ~= "" then
    io.write("FIRST-ERROR\t" .. scenario .. "\t" .. string.gsub(sample, "[\r\n\t]", " ") .. "\n")
  end
  io.write(string.format("RESULT\t%s\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%s\n", scenario, summary.requests,
      seconds, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, errs, items,
      env("BENCH_CONNECTIONS", "?")))
end
