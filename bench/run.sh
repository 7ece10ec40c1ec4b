#!/usr/bin/env bash
# The whole benchmark of issue 7 in one command; never part of `mvn verify`.
#
#   bench/run.sh                                   # 1,000,000 principals, 60 s warm-up + 60 s per scenario
#   bench/run.sh --n 50000 --warmup 5 --duration 10 --smoke     # a quick end-to-end check
#
# Options (or the environment variable in brackets):
#   --n N              principals to generate (BENCH_N, 1000000)      --seed S        (BENCH_SEED, 42)
#   --warmup S         seconds of warm-up before each scenario (BENCH_WARMUP, 60)
#   --duration S       measured seconds per scenario (BENCH_DURATION, 60)
#   --connections C    concurrent connections (BENCH_CONNECTIONS, 16); wrk threads: --threads (2)
#   --scenarios LIST   comma-separated, NAME or NAME@CONNECTIONS (default: all, see below)
#   --batch-size B     principal-update actions per batch POST (BENCH_BATCH_SIZE, 100)
#   --deep-start S     filter-start of the deep page (default 90 % of N, i.e. 900000 at 1 M)
#   --port P           the server's port (default: a free one)
#   --no-peer          skip Keycloak (bench/peers/keycloak.sh)
#   --smoke            label the result file as a smoke run (also implied by N < 1,000,000 or warm-up < 60 s)
#
# Database: BREEZEWAY_DB_URL (+ _USER/_PASSWORD) for an external MariaDB, else the embedded one in
# BREEZEWAY_DATA_DIR (default target/bench-data). Server JVM options: BENCH_SERVER_JAVA_OPTS (default below,
# see bench/README.md "Memory"; set it empty for the JVM's defaults).
# Output: a table on stdout and bench/results/<date>[-smoke].md (<date>-<HHMM> if that exists); raw lines in
# target/bench/run-<time>/ (cache.tsv: the detail caches' hit, miss and eviction counters after each scenario).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

N=${BENCH_N:-1000000}
SEED=${BENCH_SEED:-42}
WARMUP=${BENCH_WARMUP:-60}
DURATION=${BENCH_DURATION:-60}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
BATCH_SIZE=${BENCH_BATCH_SIZE:-100}
DEEP_START=${BENCH_DEEP_START:-}
PORT=${BENCH_PORT:-0}
# An explicit, small heap for the RSS target (<= 512 MB at 64 clients); Argon2id's memory is outside the
# heap (libargon2), and the live heap is ~35 MB (bench/README.md "Memory").
SERVER_JAVA_OPTS=${BENCH_SERVER_JAVA_OPTS-"-Xms192m -Xmx192m -Xmn112m -XX:+UseParallelGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m -XX:MaxDirectMemorySize=64m"}
PEER=1
SMOKE=0
SCENARIOS=${BENCH_SCENARIOS:-http-ceiling,storage-ceiling,detail-ceiling,principal-info,principal-info-10k,list-like,list-first-page,list-deep-page,list-group-5000,list-group-5000@1,json-list-first,json-list-page-2000,json-get-by-id,login,create,batch-create,mixed,mixed@64}
while [ $# -gt 0 ]; do
    case "$1" in
        --n) N=$2; shift ;;
        --seed) SEED=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --duration) DURATION=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --scenarios) SCENARIOS=$2; shift ;;
        --batch-size) BATCH_SIZE=$2; shift ;;
        --deep-start) DEEP_START=$2; shift ;;
        --port) PORT=$2; shift ;;
        --no-peer) PEER=0 ;;
        --smoke) SMOKE=1 ;;
        *) echo "unknown option $1 (see the head of bench/run.sh)" >&2; exit 2 ;;
    esac
    shift
done
N=${N//_/}
DEEP_START=${DEEP_START:-$((N * 9 / 10))}
if [ "$N" -lt 1000000 ] || [ "$WARMUP" -lt 60 ]; then SMOKE=1; fi

RUN_DIR="$BENCH_OUT/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR"
export BENCH_RUN_DIR=$RUN_DIR
RESULTS="$RUN_DIR/breezeway.tsv"
: > "$RESULTS"

ensure_wrk
ensure_build
export BENCH_SKIP_BUILD=1

log "generating $N principals from seed $SEED (skipped when already in place)"
java -cp "$CP" dev.breezeway.bench.Generate --n "$N" --seed "$SEED" 2>&1 | grep -E '^generate:|Exception|Error' >&2

# The login ceiling runs right before the login scenario and again right after it (the server idle
# meanwhile), and login is divided by the mean of the two: on this shared machine the hash rate drifts
# by 10-15 % over a run, and a single ceiling minutes before login measured the drift as much as login.
CEILING_DONE=0
# login_ceiling [TAG]: one Argon2Ceiling measurement, recorded as TAG (default login-ceiling).
login_ceiling() {
    local tag=${1:-login-ceiling}
    log "$tag: Argon2id with the server's parameters on $(nproc) threads"
    MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} java -cp "$CP" dev.breezeway.bench.Argon2Ceiling --warmup "$WARMUP" \
        --duration "$DURATION" | grep '^RESULT' | sed 's/^RESULT\t//' \
        | awk -v OFS='\t' -v tag="$tag" '{ $1 = tag; print $0, 0 }' | tee -a "$RESULTS" >&2
    CEILING_DONE=1
}

SERVER_PID=
stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID"
        for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    fi
    SERVER_PID=
}
trap stop_server EXIT

PORT_FILE="$RUN_DIR/server.port"
rm -f "$PORT_FILE"
log "starting the server JVM (BenchServer: the application plus /bench/ok, /bench/pk and /bench/detail)"
# shellcheck disable=SC2086
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} java $SERVER_JAVA_OPTS -cp "$CP" dev.breezeway.bench.BenchServer --port "$PORT" \
    --port-file "$PORT_FILE" > "$RUN_DIR/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 240); do
    [ -s "$PORT_FILE" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$RUN_DIR/server.log" >&2; exit 1; }
    sleep 0.5
done
[ -s "$PORT_FILE" ] || { echo "the server did not start in 120 s; see $RUN_DIR/server.log" >&2; exit 1; }
PORT=$(cat "$PORT_FILE")
BASE="http://127.0.0.1:$PORT"
log "server pid $SERVER_PID on $BASE, RSS $(rss_mib "$SERVER_PID") MiB at rest, JVM options: ${SERVER_JAVA_OPTS:-none}"

admin_session() {
    local login=${BREEZEWAY_ADMIN_LOGIN:-bench} password=${BREEZEWAY_ADMIN_PASSWORD:-Bench-Admin-Pass-1}
    curl -s -o /dev/null -D - --get "$BASE/api/xml" --data-urlencode action=login \
        --data-urlencode "login=$login" --data-urlencode "password=$password" \
        | sed -n 's/^[Ss]et-[Cc]ookie: BREEZESESSION=\([^;]*\).*/\1/p' | tr -d '\r'
}

export BENCH_FIRST_ID=$(manifest first_user_id) BENCH_LAST_ID=$(manifest last_user_id)
export BENCH_BIG_GROUP=$(manifest big_group_id) BENCH_USER_PASSWORD=$(manifest user_password)
export BENCH_TERMS="$BENCH_OUT/terms.txt" BENCH_DEEP_START=$DEEP_START BENCH_BATCH_SIZE=$BATCH_SIZE
export BENCH_UUIDS="$BENCH_OUT/uuids.txt" BENCH_IDS="$BENCH_OUT/ids.txt"

# run_wrk NAME CONNECTIONS SECONDS: one wrk run of a scenario; prints its RESULT line (without the tag).
run_wrk() {
    local threads=$THREADS
    [ "$2" -lt "$threads" ] && threads=$2  # wrk wants at least one connection per thread
    BENCH_SCENARIO=$1 BENCH_CONNECTIONS=$2 BENCH_RUN_ID="$(date +%s%N | cut -c1-13)" \
        wrk -t "$threads" -c "$2" -d "${3}s" --timeout 60s -s bench/wrk/scenarios.lua "$BASE" > "$RUN_DIR/wrk.out" 2>&1 || true
    grep '^FIRST-ERROR' "$RUN_DIR/wrk.out" >&2 || true
    grep '^RESULT' "$RUN_DIR/wrk.out" | sed 's/^RESULT\t//' || { cat "$RUN_DIR/wrk.out" >&2; return 1; }
}

IFS=',' read -r -a LIST <<< "$SCENARIOS"
case ",$SCENARIOS," in
    *,json-list-page-2000*)
        log "JSON page 2,000: walking the cursors of pages 1-1,999 once (JsonCursor)"
        BENCH_JSON_CURSOR_2000=$(java -cp "$CP" dev.breezeway.bench.JsonCursor --base "$BASE" \
            --session "$(admin_session)" --page 2000 --limit 50)
        export BENCH_JSON_CURSOR_2000 ;;
esac
for spec in "${LIST[@]}"; do
    name=${spec%@*}
    conns=$CONNECTIONS
    [ "$spec" != "$name" ] && conns=${spec#*@}
    [ "$name" = login ] && [ "$CEILING_DONE" = 0 ] && login_ceiling
    export BENCH_SESSION=$(admin_session)
    [ -n "$BENCH_SESSION" ] || { echo "could not log in as the bench administrator" >&2; exit 1; }
    if [ "$WARMUP" -gt 0 ]; then
        log "$spec: warm-up ${WARMUP} s at $conns connections"
        run_wrk "$name" "$conns" "$WARMUP" > /dev/null
    fi
    log "$spec: measuring ${DURATION} s at $conns connections"
    rss_sampler "$SERVER_PID" "$RUN_DIR/rss.txt" &
    SAMPLER=$!
    line=$(run_wrk "$name" "$conns" "$DURATION")
    kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null || true
    peak=$(sort -n "$RUN_DIR/rss.txt" | tail -1)
    printf '%s\t%s\n' "$(echo "$line" | awk -v OFS='\t' -v s="$spec" '{ $1 = s; print }')" "${peak:-0}" | tee -a "$RESULTS" >&2
    # The detail caches' counters after each scenario (cumulative; hit/miss per scenario is the difference).
    curl -s "$BASE/metrics" | grep -E '^cache_(gets|evictions)_total' | sed "s/^/$spec\t/" >> "$RUN_DIR/cache.tsv" || true
    [ "$spec" = login ] && login_ceiling login-ceiling-after
done
log "server RSS at the end: $(rss_mib "$SERVER_PID") MiB"
stop_server
[ "$CEILING_DONE" = 1 ] || login_ceiling

if [ "$PEER" = 1 ]; then
    log "the peer: bench/peers/keycloak.sh"
    bench/peers/keycloak.sh --n "$N" --seed "$SEED" --warmup "$WARMUP" --duration "$DURATION" \
        --connections "$CONNECTIONS" --threads "$THREADS" --deep-start "$DEEP_START" \
        || log "Keycloak did not complete; its column stays empty (see $RUN_DIR/keycloak.log)"
fi

SUFFIX=""
[ "$SMOKE" = 1 ] && SUFFIX="-smoke"
OUT="bench/results/$(date +%Y-%m-%d)$SUFFIX.md"
[ -e "$OUT" ] && OUT="bench/results/$(date +%Y-%m-%d-%H%M)$SUFFIX.md"   # never overwrite an earlier run
java -cp "$CP" dev.breezeway.bench.Report --run-dir "$RUN_DIR" --out "$OUT" --n "$N" --seed "$SEED" \
    --warmup "$WARMUP" --duration "$DURATION" --connections "$CONNECTIONS" --threads "$THREADS" \
    --batch-size "$BATCH_SIZE" --deep-start "$DEEP_START" --smoke "$SMOKE" \
    --db "$(manifest db)" --commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
log "results: $OUT"
