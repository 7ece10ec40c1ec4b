# Shared by bench/*.sh: build steps and helpers. Source it from the repository root.

BENCH_OUT=${BENCH_OUT:-target/bench}
BENCH_CLASSES=target/bench-classes
CP="target/classes:target/lib/*:$BENCH_CLASSES"
export BENCH_OUT
# The InnoDB buffer pool of the embedded MariaDB, for Breezeway's and Keycloak's alike: at 1,000,000
# principals the bench data is 1.9 GB, so the server's default of 256 MB would measure page reads.
export BREEZEWAY_DB_BUFFER_POOL_MB=${BREEZEWAY_DB_BUFFER_POOL_MB:-1536}

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Builds the server (unless BENCH_SKIP_BUILD=1 and it exists) and compiles bench/src beside it.
ensure_build() {
    if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -d target/classes ] || [ ! -d target/lib ]; then
        log "building the server (mvn -q -DskipTests package)"
        mvn -q -DskipTests package
    fi
    mkdir -p "$BENCH_CLASSES"
    javac -nowarn -d "$BENCH_CLASSES" -cp "target/classes:target/lib/*" $(find bench/src -name '*.java')
}

# wrk from Debian's package when missing.
ensure_wrk() {
    if ! command -v wrk >/dev/null 2>&1; then
        log "installing wrk (apt-get install -y wrk)"
        if [ "$(id -u)" = 0 ]; then
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
        else
            sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
        fi
    fi
}

# A free TCP port on 127.0.0.1 (for tools that cannot report the one they bound).
free_port() {
    java -cp "$BENCH_CLASSES" dev.breezeway.bench.FreePort
}

# The resident set size of a process in MiB, from /proc/<pid>/status VmRSS.
rss_mib() {
    awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0
}

# Samples the RSS of $1 every second into $2 until stopped; prints nothing.
rss_sampler() {
    local pid=$1 out=$2
    : > "$out"
    while kill -0 "$pid" 2>/dev/null; do
        rss_mib "$pid" >> "$out"; echo >> "$out"
        sleep 1
    done
}

# manifest KEY: a value from the generator's manifest.
manifest() {
    sed -n "s/^$1=//p" "$BENCH_OUT/manifest.properties" | tail -1 | sed 's/\\\(.\)/\1/g'
}
