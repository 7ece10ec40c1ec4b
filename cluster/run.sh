#!/usr/bin/env bash
# Breezeway cluster harness: three MariaDB Galera members and three Breezeway nodes on 127.0.0.1.
#
#   cluster/run.sh up                     install what is missing, start 3 members + 3 nodes
#   cluster/run.sh status                 wsrep_cluster_size per member, readiness per node
#   cluster/run.sh down                   stop everything recorded in the scratch dir, delete it
#   cluster/run.sh failover [--duration S] [--keep] [--threads N]
#                                         mixed HTTP load, SIGKILL a member and a node, restart both,
#                                         check every acknowledged write on every member
#   cluster/run.sh session-check          a session from node 1 on node 3, logout on node 2 seen by node 1
#
# Internal (used by Failover.java): start-member N, kill-member N, start-node N, kill-node N,
# busiest-member, sql N STATEMENT, env.
#
# Everything lives in ${CLUSTER_DIR:-/tmp/breezeway-cluster}; every pid it starts is kept there, and
# `down` only ever signals those pids (after checking that the process still is the one it started).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

SCRATCH="${CLUSTER_DIR:-/tmp/breezeway-cluster}"
MEMBERS=(1 2 3)
NODES=(1 2 3)
JAR="$REPO/target/breezeway.jar"
MARIADBD=/usr/sbin/mariadbd
GALERA_LIB=/usr/lib/galera/libgalera_smm.so
DB_URL="jdbc:mariadb:sequential://127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313/breezeway"
JAVA_OPTS=(-Xms128m -Xmx256m -XX:+UseParallelGC -XX:ParallelGCThreads=1)

log() { printf '%s [cluster] %s\n' "$(date -u +%H:%M:%S.%3N)" "$*" >&2; }
UP_IN_PROGRESS=0
die() {
    log "ERROR: $*"
    ((UP_IN_PROGRESS == 0)) || log "up failed: '$0 down' stops what was started and removes $SCRATCH"
    exit 1
}

sql_port() { echo $((3310 + $1)); }
gcomm_port() { echo $((4566 + $1)); }
ist_port() { echo $((4576 + $1)); }
sst_port() { echo $((4443 + $1)); }
http_port() { echo $((8080 + $1)); }
metrics_port() { echo $((9180 + $1)); }
mdir() { echo "$SCRATCH/m$1"; }
ndir() { echo "$SCRATCH/n$1"; }

# Never pass the caller's BREEZEWAY_* settings to the nodes: an unknown key stops a start.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^BREEZEWAY_' || true)

# ---------------------------------------------------------------------------------------------------
# pids

# alive PIDFILE: the recorded process still runs and its command line names the scratch dir
alive() {
    local pidfile=$1 pid
    [[ -s $pidfile ]] || return 1
    pid=$(<"$pidfile")
    local cmdline
    cmdline=$({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null) || return 1
    [[ $cmdline == *"$SCRATCH/"* ]]
}

# stop_pid PIDFILE SIGNAL TIMEOUT_S: signal the recorded pid, wait for its exit, SIGKILL after the timeout
stop_pid() {
    local pidfile=$1 sig=$2 timeout=$3 pid i
    alive "$pidfile" || { rm -f "$pidfile"; return 0; }
    pid=$(<"$pidfile")
    kill "-$sig" "$pid" 2>/dev/null || true
    for ((i = 0; i < timeout * 10; i++)); do
        alive "$pidfile" || { rm -f "$pidfile"; return 0; }
        sleep 0.1
    done
    log "pid $pid did not stop after ${timeout}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        alive "$pidfile" || break
        sleep 0.1
    done
    rm -f "$pidfile"
}

# ---------------------------------------------------------------------------------------------------
# packages and build

install_missing() {
    local pkgs=(mariadb-server galera-4 mariadb-backup socat rsync) missing=() p
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if ((${#missing[@]})); then
        log "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >"$SCRATCH/apt.log" 2>&1 ||
            die "apt-get install failed, see $SCRATCH/apt.log"
    fi
    [[ -x $MARIADBD ]] || die "$MARIADBD missing"
    [[ -f $GALERA_LIB ]] || die "$GALERA_LIB missing"
    command -v mariabackup >/dev/null || die "mariabackup missing"
}

build_jar() {
    if [[ ! -f $JAR ]]; then
        log "building $JAR (mvn -q -o -DskipTests package)"
        mvn -q -o -DskipTests package || die "the build failed"
    fi
}

# ---------------------------------------------------------------------------------------------------
# Galera members

write_cnf() {
    local n=$1 d
    d=$(mdir "$n")
    mkdir -p "$d/data" "$d/tmp" "$d/sst-tmp" "$d/sst-log"
    cat >"$d/my.cnf" <<EOF
[mysqld]
user=root
datadir=$d/data
tmpdir=$d/tmp
socket=$d/mysqld.sock
pid-file=$d/mariadbd.pid
log-error=$d/error.log
port=$(sql_port "$n")
bind-address=127.0.0.1
skip-name-resolve
performance_schema=OFF
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
max_connections=300
default_storage_engine=InnoDB
innodb_buffer_pool_size=64M
innodb_flush_log_at_trx_commit=2
innodb_autoinc_lock_mode=2
binlog_format=ROW
log_bin_trust_function_creators=1
wsrep_on=ON
wsrep_provider=$GALERA_LIB
wsrep_cluster_name=breezeway-cluster
wsrep_cluster_address=gcomm://127.0.0.1:4567,127.0.0.1:4568,127.0.0.1:4569
wsrep_node_name=m$n
wsrep_node_address=127.0.0.1:$(gcomm_port "$n")
wsrep_node_incoming_address=127.0.0.1:$(sql_port "$n")
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$(gcomm_port "$n");ist.recv_addr=127.0.0.1:$(ist_port "$n");gcache.size=64M"
wsrep_sst_method=mariabackup
wsrep_sst_auth=root:
wsrep_sst_receive_address=127.0.0.1:$(sst_port "$n")

[sst]
tmpdir=$d/sst-tmp
sst-log-archive-dir=$d/sst-log

[client]
socket=$d/mysqld.sock
user=root
EOF
}

msql() { # msql N ARGS...: the mariadb client on member N's socket
    local n=$1
    shift
    mariadb --defaults-file="$(mdir "$n")/my.cnf" "$@"
}

member_state() {
    msql "$1" -N -B -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | awk '{print $2}'
}

wait_synced() { # wait_synced N TIMEOUT_S
    local n=$1 timeout=$2 start=$SECONDS
    while ((SECONDS - start < timeout)); do
        kill -0 "$(<"$(mdir "$n")/pid")" 2>/dev/null || die "member $n exited, see $(mdir "$n")/error.log"
        [[ $(member_state "$n") == Synced ]] && return 0
        sleep 0.1
    done
    die "member $n not Synced after ${timeout}s, see $(mdir "$n")/error.log"
}

# launch_member N [ARGS...]: start mariadbd in the background, record its pid
launch_member() {
    local n=$1 d
    shift
    d=$(mdir "$n")
    alive "$d/pid" && die "member $n already runs (pid $(<"$d/pid"))"
    nohup "$MARIADBD" --defaults-file="$d/my.cnf" "$@" >>"$d/stdout.log" 2>&1 &
    echo $! >"$d/pid"
    disown
}

# recovered_position N: uuid:seqno from mariadbd --wsrep-recover (empty if none)
recovered_position() {
    local n=$1 d
    d=$(mdir "$n")
    "$MARIADBD" --defaults-file="$d/my.cnf" --wsrep-recover --log-error="$d/recover.log" >/dev/null 2>&1 || true
    sed -n 's/.*WSREP: Recovered position: \([0-9a-f-]*:-\{0,1\}[0-9]*\).*/\1/p' "$d/recover.log" | tail -n 1
}

# start_member N: (re)start a member that has a datadir, joining the running cluster; recovers the
# position first, so that a member that was SIGKILLed joins by IST instead of a full SST.
start_member() {
    local n=$1 d pos t0
    d=$(mdir "$n")
    t0=$(date +%s%N)
    pos=""
    if grep -q 'seqno:[[:space:]]*-1' "$d/data/grastate.dat" 2>/dev/null; then
        pos=$(recovered_position "$n")
        log "member $n: recovered position ${pos:-none}"
    fi
    if [[ -n $pos ]]; then
        launch_member "$n" --wsrep_start_position="$pos"
    else
        launch_member "$n"
    fi
    wait_synced "$n" 120
    log "member $n Synced in $((($(date +%s%N) - t0) / 1000000)) ms (pid $(<"$d/pid"))"
}

kill_member() {
    local n=$1 pidfile
    pidfile="$(mdir "$n")/pid"
    alive "$pidfile" || die "member $n is not running"
    kill -KILL "$(<"$pidfile")"
    log "member $n SIGKILLed (pid $(<"$pidfile"))"
    stop_pid "$pidfile" KILL 10
}

stop_member() { # clean stop (SIGTERM), no cluster freeze
    stop_pid "$(mdir "$1")/pid" TERM 60
}

create_cluster() {
    local n d1
    d1=$(mdir 1)
    for n in "${MEMBERS[@]}"; do write_cnf "$n"; done
    log "mariadb-install-db for member 1"
    mariadb-install-db --defaults-file="$d1/my.cnf" --auth-root-authentication-method=socket \
        --skip-test-db >"$d1/install.log" 2>&1 || die "mariadb-install-db failed, see $d1/install.log"
    log "bootstrapping member 1"
    launch_member 1 --wsrep-new-cluster
    wait_synced 1 60
    msql 1 <<'EOF'
CREATE DATABASE IF NOT EXISTS breezeway CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'breezeway'@'127.0.0.1' IDENTIFIED BY 'breezeway';
CREATE USER IF NOT EXISTS 'breezeway'@'localhost' IDENTIFIED BY 'breezeway';
GRANT ALL PRIVILEGES ON breezeway.* TO 'breezeway'@'127.0.0.1';
GRANT ALL PRIVILEGES ON breezeway.* TO 'breezeway'@'localhost';
EOF
    # cold-copy seeding: a clean stop, then members 2 and 3 start from a copy (IST, seconds) instead of
    # a mariabackup SST (at least 12 s each: the donor script sleeps 10 s)
    log "clean stop of member 1, seeding members 2 and 3 with a cold copy"
    stop_member 1
    for n in 2 3; do
        cp -a "$d1/data/." "$(mdir "$n")/data/"
        rm -f "$(mdir "$n")/data/gvwstate.dat"
    done
    launch_member 1 --wsrep-new-cluster
    wait_synced 1 60
    for n in 2 3; do start_member "$n"; done
}

cluster_size() {
    msql "$1" -N -B -e "SHOW STATUS LIKE 'wsrep_cluster_size'" 2>/dev/null | awk '{print $2}'
}

# busiest_member: the member that holds most of the breezeway user's connections (1 if none)
busiest_member() {
    local n c best=1 most=-1
    for n in "${MEMBERS[@]}"; do
        alive "$(mdir "$n")/pid" || continue
        c=$(msql "$n" -N -B -e \
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER='breezeway'" 2>/dev/null || echo 0)
        if ((c > most)); then most=$c; best=$n; fi
    done
    echo "$best"
}

# ---------------------------------------------------------------------------------------------------
# Breezeway nodes

write_node_env() {
    local n=$1 d
    d=$(ndir "$n")
    mkdir -p "$d/data" "$d/tmp"
    cat >"$d/env" <<EOF
BREEZEWAY_DB_URL=$DB_URL
BREEZEWAY_DB_USER=breezeway
BREEZEWAY_DB_PASSWORD=breezeway
BREEZEWAY_SECRET_KEY=$(<"$SCRATCH/secret.key")
BREEZEWAY_ADMIN_PASSWORD=$(<"$SCRATCH/admin.password")
BREEZEWAY_DATA_DIR=$d/data
BREEZEWAY_HTTP_HOST=127.0.0.1
BREEZEWAY_HTTP_PORT=$(http_port "$n")
BREEZEWAY_METRICS_PORT=$(metrics_port "$n")
BREEZEWAY_PUBLIC_URL=http://127.0.0.1:$(http_port "$n")
EOF
    chmod 600 "$d/env"
}

ready_code() {
    curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$(http_port "$1")/healthz/ready" 2>/dev/null || true
}

start_node() {
    local n=$1 d t0 code=""
    d=$(ndir "$n")
    alive "$d/pid" && die "node $n already runs (pid $(<"$d/pid"))"
    [[ -f $d/env ]] || write_node_env "$n"
    t0=$(date +%s%N)
    (
        cd "$d"
        set -a
        # shellcheck disable=SC1091
        . "$d/env"
        set +a
        export MALLOC_ARENA_MAX=2
        exec nohup java "${JAVA_OPTS[@]}" -Djava.io.tmpdir="$d/tmp" -Dbreezeway.cluster.dir="$SCRATCH/" \
            -jar "$JAR" >>"$d/out.log" 2>&1
    ) &
    echo $! >"$d/pid"
    disown
    while (($(date +%s%N) - t0 < 180000000000)); do
        kill -0 "$(<"$d/pid")" 2>/dev/null || die "node $n exited, see $d/out.log: $(tail -n 3 "$d/out.log")"
        code=$(ready_code "$n")
        [[ $code == 200 ]] && break
        sleep 0.2
    done
    [[ $code == 200 ]] || die "node $n not ready after 180 s, see $d/out.log"
    log "node $n ready on http://127.0.0.1:$(http_port "$n") in $((($(date +%s%N) - t0) / 1000000)) ms (pid $(<"$d/pid"))"
}

kill_node() {
    local n=$1 pidfile
    pidfile="$(ndir "$n")/pid"
    alive "$pidfile" || die "node $n is not running"
    kill -KILL "$(<"$pidfile")"
    log "node $n SIGKILLed (pid $(<"$pidfile"))"
    stop_pid "$pidfile" KILL 10
}

# ---------------------------------------------------------------------------------------------------
# subcommands

is_up() {
    local n
    for n in "${MEMBERS[@]}"; do alive "$(mdir "$n")/pid" || return 1; done
    for n in "${NODES[@]}"; do [[ $(ready_code "$n") == 200 ]] || return 1; done
}

check_ports_free() {
    local p busy=()
    for p in 3311 3312 3313 4567 4568 4569 4577 4578 4579 4444 4445 4446 8081 8082 8083 9181 9182 9183; do
        if ss -Htln "sport = :$p" | grep -q .; then busy+=("$p"); fi
    done
    ((${#busy[@]} == 0)) || die "ports already in use: ${busy[*]} (another cluster? run '$0 down')"
}

cmd_up() {
    local t0=$SECONDS n
    if [[ -d $SCRATCH ]]; then
        is_up && { log "already up ($SCRATCH)"; return 0; }
        die "$SCRATCH exists but the cluster is not (fully) up: run '$0 down' first"
    fi
    check_ports_free
    UP_IN_PROGRESS=1
    mkdir -p "$SCRATCH"
    chmod 700 "$SCRATCH"
    install_missing
    build_jar
    head -c 32 /dev/urandom | base64 >"$SCRATCH/secret.key"
    printf 'Bw%sa9Z' "$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)" >"$SCRATCH/admin.password"
    chmod 600 "$SCRATCH/secret.key" "$SCRATCH/admin.password"
    create_cluster
    for n in "${MEMBERS[@]}"; do log "member $n: wsrep_cluster_size=$(cluster_size "$n")"; done
    for n in "${NODES[@]}"; do write_node_env "$n"; done
    log "starting node 1 alone (it runs the migrations)"
    start_node 1
    for n in 2 3; do start_node "$n"; done
    UP_IN_PROGRESS=0
    log "up in $((SECONDS - t0)) s: nodes http://127.0.0.1:8081 .. :8083, members 127.0.0.1:3311 .. :3313"
    echo "admin password: $(<"$SCRATCH/admin.password")"
}

cmd_down() {
    local n
    if [[ ! -d $SCRATCH ]]; then
        log "nothing to stop ($SCRATCH does not exist)"
        return 0
    fi
    for n in "${NODES[@]}"; do
        [[ -f $(ndir "$n")/pid ]] && { log "stopping node $n"; stop_pid "$(ndir "$n")/pid" TERM 40; }
    done
    # members 3, 2, then 1: clean stops, so no freeze and the last one could bootstrap again
    for n in 3 2 1; do
        [[ -f $(mdir "$n")/pid ]] && { log "stopping member $n"; stop_pid "$(mdir "$n")/pid" TERM 60; }
    done
    # only recorded pids are signalled; anything else still naming the scratch dir is reported, not killed
    local left
    left=$(pgrep -f -- "$SCRATCH/" || true)
    [[ -z $left ]] || log "WARNING: processes still name $SCRATCH (not started by a recorded pid?): $left"
    rm -rf "$SCRATCH"
    log "down: $SCRATCH removed"
}

cmd_status() {
    local n st size code
    [[ -d $SCRATCH ]] || { echo "not up ($SCRATCH does not exist)"; return 1; }
    for n in "${MEMBERS[@]}"; do
        if alive "$(mdir "$n")/pid"; then
            st=$(member_state "$n")
            size=$(cluster_size "$n")
            echo "member $n 127.0.0.1:$(sql_port "$n") pid $(<"$(mdir "$n")/pid"): ${st:-?}, wsrep_cluster_size=${size:-?}"
        else
            echo "member $n 127.0.0.1:$(sql_port "$n"): not running"
        fi
    done
    for n in "${NODES[@]}"; do
        code=$(ready_code "$n")
        if alive "$(ndir "$n")/pid"; then
            echo "node $n http://127.0.0.1:$(http_port "$n") pid $(<"$(ndir "$n")/pid"): /healthz/ready ${code:-000}"
        else
            echo "node $n http://127.0.0.1:$(http_port "$n"): not running"
        fi
    done
}

# node_log_summary: the database errors in the nodes' logs, counted by kind
node_log_summary() {
    local n
    for n in "${NODES[@]}"; do
        [[ -f $(ndir "$n")/out.log ]] || continue
        echo "  node $n:"
        grep -h -o -E 'Deadlock found[^;"]*|WSREP [^;"]*|Lock wait timeout[^;"]*|Driver has reconnect[^;"]*|Socket error|Connection is not available[^;"]*|Query execution was interrupted[^;"]*|(SQL[A-Za-z]*Exception)' \
            "$(ndir "$n")/out.log" | sed 's/conn=[0-9]*/conn=N/; s/with 127.0.0.1:[0-9]*/with 127.0.0.1:331x/' |
            sort | uniq -c | sort -rn | head -n 8 | sed 's/^/    /' || true
    done
}

failover_java() {
    java "$REPO/cluster/Failover.java" --run "$REPO/cluster/run.sh" --scratch "$SCRATCH" \
        --admin-password "$(<"$SCRATCH/admin.password")" "$@"
}

cmd_failover() {
    local duration=120 keep=0 threads=5 rc=0 out last
    while (($#)); do
        case $1 in
            --duration) duration=${2:?--duration needs seconds}; shift 2 ;;
            --keep) keep=1; shift ;;
            --threads) threads=${2:?--threads needs a number}; shift 2 ;;
            *) die "failover: unknown option $1" ;;
        esac
    done
    if ! [[ $duration =~ ^[0-9]+$ ]] || ((duration < 30)); then die "--duration must be at least 30 seconds"; fi
    if ! [[ $threads =~ ^[0-9]+$ ]] || ((threads < 1)); then die "--threads must be a positive number"; fi
    cmd_up
    log "versions: $(mariadbd --version 2>/dev/null | head -n 1); galera-4 $(dpkg-query -W -f='${Version}' galera-4)"
    log "session check before the load"
    failover_java --session-check || log "session check: FAIL (see above), continuing"
    out=$(mktemp /tmp/breezeway-failover.XXXXXX)
    failover_java --duration "$duration" --threads "$threads" | tee "$out" || rc=$?
    last=$(tail -n 1 "$out")
    rm -f "$out"
    log "errors the nodes logged during the run (counts by message):"
    node_log_summary >&2
    log "session check after the failover (node 2 and one member were restarted)"
    failover_java --session-check || log "session check: FAIL (see above)"
    if ((keep)); then
        log "--keep: the cluster stays up ($0 down removes it)"
    else
        cmd_down
    fi
    # the result, once more as the last line
    echo "$last"
    return "$rc"
}

usage() {
    sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
    local cmd=${1:-}
    (($#)) && shift
    case $cmd in
        up) cmd_up ;;
        down) cmd_down ;;
        status) cmd_status ;;
        failover) cmd_failover "$@" ;;
        session-check) failover_java --session-check ;;
        start-member) start_member "${1:?member number}" ;;
        kill-member) kill_member "${1:?member number}" ;;
        start-node) start_node "${1:?node number}" ;;
        kill-node) kill_node "${1:?node number}" ;;
        busiest-member) busiest_member ;;
        sql) msql "${1:?member number}" -N -B -e "${2:?statement}" ;;
        -h | --help | help) usage ;;
        *) usage >&2; exit 2 ;;
    esac
}

main "$@"; exit $?
