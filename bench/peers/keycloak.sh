#!/usr/bin/env bash
# The peer of issue 7: Keycloak's admin REST API under the same driver and the same N users.
#
#   bench/peers/keycloak.sh [--n N] [--seed S] [--warmup S] [--duration S] [--connections C]
#                           [--threads T] [--deep-start S] [--scenarios LIST] [--keep]
#
# 1. downloads org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip from Maven Central
#    (mvn dependency:copy) and unpacks it under target/peers/;
# 2. starts a private MariaDB on loopback (the same embedded MariaDB 11.4 Breezeway uses, data in
#    target/peers/keycloak-db) and Keycloak in dev mode (start-dev) on a free port against it;
# 3. loads the N users of bench/generate.sh (same ids, logins, names, the same 5,000-member group)
#    through POST /admin/realms/bench/partialImport, the first 2,000, and the rest by SQL as copies of the
#    rows that import wrote (BENCH_KC_API_ONLY=1: all through partialImport); skipped when already there;
# 4. runs GET user by id, search with first/max, first page, deep page, the group's 5,000 members
#    and create user with bench/wrk/scenarios.lua, warm-up then measurement, sampling the RSS of
#    Keycloak's JVM; appends the lines to $BENCH_RUN_DIR/keycloak.tsv;
# 5. stops Keycloak and its MariaDB (unless --keep).
# Keycloak 26 needs Java 21 or later: KC_JAVA_HOME, else the newest JDK >= 21 under /usr/lib/jvm.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh

KC_VERSION=${KC_VERSION:-26.7.3}
N=${BENCH_N:-1000000}
SEED=${BENCH_SEED:-42}
WARMUP=${BENCH_WARMUP:-60}
DURATION=${BENCH_DURATION:-60}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
DEEP_START=${BENCH_DEEP_START:-}
SCENARIOS=${BENCH_KC_SCENARIOS:-kc-get-user,kc-search,kc-first-page,kc-deep-page,kc-group-5000,kc-create}
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --n) N=$2; shift ;;
        --seed) SEED=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --duration) DURATION=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --deep-start) DEEP_START=$2; shift ;;
        --scenarios) SCENARIOS=$2; shift ;;
        --keep) KEEP=1 ;;
        *) echo "unknown option $1 (see the head of bench/peers/keycloak.sh)" >&2; exit 2 ;;
    esac
    shift
done
N=${N//_/}
DEEP_START=${DEEP_START:-$((N * 9 / 10))}
RUN_DIR=${BENCH_RUN_DIR:-$BENCH_OUT/run-keycloak-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$RUN_DIR"
PEERS=target/peers
KC_HOME="$PEERS/keycloak-$KC_VERSION"
KC_OUT="$PEERS/keycloak-out"
ADMIN_PASSWORD=${BENCH_KC_ADMIN_PASSWORD:-Bench-Admin-Pass-1}
mkdir -p "$PEERS" "$KC_OUT"

java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if [ -z "${KC_JAVA_HOME:-}" ]; then
    for jdk in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
        major=$(java_major "${jdk%/}" 2>/dev/null || true)
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then KC_JAVA_HOME=${jdk%/}; break; fi
    done
fi
if [ -z "${KC_JAVA_HOME:-}" ]; then
    echo "keycloak.sh: Keycloak $KC_VERSION needs Java 21 or later and none was found (set KC_JAVA_HOME);" \
         "Debian 12 packages only Java 17. See bench/README.md, \"The peer\"." >&2
    exit 3
fi
log "Keycloak $KC_VERSION on $KC_JAVA_HOME (Java $(java_major "$KC_JAVA_HOME"))"

ensure_wrk
ensure_build
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
    log "downloading org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip from Maven Central"
    mvn -q org.apache.maven.plugins:maven-dependency-plugin:3.11.0:unpack \
        -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$PEERS"
fi

DB_PID= KC_PID= KC_JAVA_PID=
cleanup() {
    [ "$KEEP" = 1 ] && { log "--keep: Keycloak (pid ${KC_JAVA_PID:-?}) and its database (pid ${DB_PID:-?}) keep running"; return; }
    for pid in $KC_JAVA_PID $KC_PID $DB_PID; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        fi
    done
}
trap cleanup EXIT

rm -f "$PEERS/keycloak-db.url"
java -cp "$CP" dev.breezeway.bench.PeerDatabase --dir "$PEERS/keycloak-db" --database keycloak \
    --url-file "$PEERS/keycloak-db.url" > "$RUN_DIR/keycloak-db.log" 2>&1 &
DB_PID=$!
for _ in $(seq 1 120); do [ -s "$PEERS/keycloak-db.url" ] && break; kill -0 "$DB_PID" || break; sleep 0.5; done
[ -s "$PEERS/keycloak-db.url" ] || { tail -20 "$RUN_DIR/keycloak-db.log" >&2; exit 1; }
DB_URL=$(cat "$PEERS/keycloak-db.url")
log "Keycloak's MariaDB: $DB_URL"

PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
log "starting Keycloak in dev mode on $BASE (log: $RUN_DIR/keycloak.log)"
JAVA_HOME=$KC_JAVA_HOME KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    "$KC_HOME/bin/kc.sh" start-dev --db=mariadb --db-url="$DB_URL" --db-username=peer --db-password=bench \
    --http-host=127.0.0.1 --http-port="$PORT" --log-level=WARN,org.keycloak.services:INFO,io.quarkus:INFO \
    > "$RUN_DIR/keycloak.log" 2>&1 &
KC_PID=$!
for _ in $(seq 1 600); do
    curl -s -o /dev/null -f "$BASE/realms/master" && break
    kill -0 "$KC_PID" 2>/dev/null || { tail -30 "$RUN_DIR/keycloak.log" >&2; exit 1; }
    sleep 0.5
done
curl -s -o /dev/null -f "$BASE/realms/master" || { echo "Keycloak did not start in 300 s" >&2; exit 1; }
KC_JAVA_PID=$(pgrep -P "$KC_PID" java | head -1 || true)
KC_JAVA_PID=${KC_JAVA_PID:-$KC_PID}
log "Keycloak JVM pid $KC_JAVA_PID, RSS $(rss_mib "$KC_JAVA_PID") MiB at rest"

# The first chunk through partialImport, the rest by SQL as copies of its rows (KeycloakLoad, KeycloakRows);
# BENCH_KC_API_ONLY=1 sends every user through partialImport (about 50 minutes for 1 M on two cores).
LOAD_DB=(--db-url "$DB_URL")
[ "${BENCH_KC_API_ONLY:-0}" = 1 ] && LOAD_DB=()
log "loading $N users into realm bench (skipped when already there)"
java -cp "$CP" dev.breezeway.bench.KeycloakLoad --base "$BASE" --n "$N" --seed "$SEED" \
    --admin-password "$ADMIN_PASSWORD" --out "$KC_OUT" "${LOAD_DB[@]}" | tee -a "$RUN_DIR/keycloak-load.log" | grep -v 'imported .*000 of' >&2 || true
[ -s "$KC_OUT/kc-ids.txt" ] || { echo "the users were not loaded; see $RUN_DIR/keycloak-load.log" >&2; exit 1; }

export BENCH_KC_IDS="$KC_OUT/kc-ids.txt" BENCH_KC_GROUP=$(cat "$KC_OUT/kc-group.txt") BENCH_KC_REALM=bench
export BENCH_TERMS="$KC_OUT/terms.txt" BENCH_DEEP_START=$DEEP_START

run_wrk() {
    BENCH_SCENARIO=$1 BENCH_CONNECTIONS=$2 BENCH_RUN_ID="$(date +%s%N | cut -c1-13)" \
        wrk -t "$THREADS" -c "$2" -d "${3}s" --timeout 60s -s bench/wrk/scenarios.lua "$BASE" > "$RUN_DIR/wrk-kc.out" 2>&1 || true
    grep '^FIRST-ERROR' "$RUN_DIR/wrk-kc.out" >&2 || true
    grep '^RESULT' "$RUN_DIR/wrk-kc.out" | sed 's/^RESULT\t//' || { cat "$RUN_DIR/wrk-kc.out" >&2; return 1; }
}

IFS=',' read -r -a LIST <<< "$SCENARIOS"
for spec in "${LIST[@]}"; do
    name=${spec%@*}
    conns=$CONNECTIONS
    [ "$spec" != "$name" ] && conns=${spec#*@}
    java -cp "$CP" dev.breezeway.bench.KeycloakLoad --base "$BASE" --admin-password "$ADMIN_PASSWORD" \
        --out "$KC_OUT" --token-only
    export BENCH_KC_TOKEN=$(cat "$KC_OUT/kc-token.txt")
    if [ "$WARMUP" -gt 0 ]; then
        log "$spec: warm-up ${WARMUP} s at $conns connections"
        run_wrk "$name" "$conns" "$WARMUP" > /dev/null
    fi
    log "$spec: measuring ${DURATION} s at $conns connections"
    rss_sampler "$KC_JAVA_PID" "$RUN_DIR/rss-kc.txt" &
    SAMPLER=$!
    line=$(run_wrk "$name" "$conns" "$DURATION")
    kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null || true
    peak=$(sort -n "$RUN_DIR/rss-kc.txt" | tail -1)
    printf '%s\t%s\n' "$(echo "$line" | awk -v OFS='\t' -v s="$spec" '{ $1 = s; print }')" "${peak:-0}" \
        | tee -a "$RUN_DIR/keycloak.tsv" >&2
done
log "Keycloak results: $RUN_DIR/keycloak.tsv"
