#!/usr/bin/env bash
# The hostile load of issue 17: starts the server (embedded MariaDB in a fresh data directory, loopback
# only), fuzzes every face with random and mutated calls, bounded in count and time, and writes the
# counts to bench/results/<date>-hostile.md. Never part of `mvn verify`.
#   bench/hostile.sh [--calls 100000] [--seconds 900] [--threads 8]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
CALLS=100000 SECONDS_MAX=900 THREADS=8
while [ $# -gt 0 ]; do
    case "$1" in
        --calls) CALLS=$2; shift ;;
        --seconds) SECONDS_MAX=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        *) echo "unknown option $1 (see the head of bench/hostile.sh)" >&2; exit 2 ;;
    esac
    shift
done
ensure_build
RUN="$BENCH_OUT/hostile-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN"
PORT=$(free_port)
PASSWORD="Hostile-Admin-Pass-1"
log "starting the server on 127.0.0.1:$PORT (data in $RUN/data)"
BREEZEWAY_HTTP_HOST=127.0.0.1 BREEZEWAY_HTTP_PORT=$PORT BREEZEWAY_DATA_DIR="$RUN/data" \
    BREEZEWAY_ADMIN_LOGIN=admin BREEZEWAY_ADMIN_PASSWORD=$PASSWORD \
    java -Xms192m -Xmx192m -cp "target/classes:target/lib/*" dev.breezeway.Main > "$RUN/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 1
done
log "fuzzing: $CALLS calls at most, $SECONDS_MAX s at most, $THREADS threads"
java -cp "$CP" dev.breezeway.bench.HostileLoad --port "$PORT" --calls "$CALLS" --seconds "$SECONDS_MAX" \
    --threads "$THREADS" --admin admin --password "$PASSWORD" | tee "$RUN/result.txt"
OUT="bench/results/$(date +%Y-%m-%d)-hostile.md"
# A result of the same day is kept: this run gets the time in its name.
[ -e "$OUT" ] && OUT="bench/results/$(date +%Y-%m-%d-%H%M)-hostile.md"
{
    echo "# Hostile load $(date +%Y-%m-%d)"
    echo
    echo "Commit $(git rev-parse --short HEAD). \`bench/hostile.sh --calls $CALLS --seconds $SECONDS_MAX --threads $THREADS\`:"
    echo "random and mutated calls to /api/xml (GET, form, text/xml, batches) and the JSON faces, loopback only."
    echo
    echo '```'
    cat "$RUN/result.txt"
    echo "stack traces in the server log: $(grep -c '^\s*at ' "$RUN/server.log" || true)"
    echo '```'
} > "$OUT"
log "results: $OUT"
