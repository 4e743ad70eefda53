# daemon.sh: one trial's lab, daemons and capture (sourced by run.sh; builds on packaging/lab/lab.sh).
#
# Every trial gets fresh namespaces: bench_lab_up makes "$BENCH_PREFIX-<seq>-{sw,h1,h2}", bench_lab_down removes
# them and everything started in them, so a vrrpd pair and a keepalived pair never share a namespace pair.

BENCH_SEQ=0

# bench_lab_up [HOSTS]: a fresh lab of HOSTS hosts (default 2).
bench_lab_up() {
    BENCH_SEQ=$((BENCH_SEQ + 1))
    LAB_PREFIX="$BENCH_PREFIX-$BENCH_SEQ"
    TRIAL_DIR="$WORK/t$BENCH_SEQ"
    mkdir -p "$TRIAL_DIR"
    lab_create "${1:-2}"
    # lab_create installs its own traps for this lab; ours sweeps every lab of the run (and the work dir).
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}

bench_lab_down() {
    lab_destroy
    [[ $BENCH_KEEP == 1 ]] || rm -rf "$TRIAL_DIR"
}

# bench_cleanup: the EXIT trap. LAB_PREFIX set to the run's prefix makes lab_destroy sweep every trial's namespaces.
bench_cleanup() {
    declare -F stop_hogs >/dev/null && stop_hogs
    declare -F stop_container_engine >/dev/null && stop_container_engine
    lab_destroy
    LAB_PREFIX=$BENCH_PREFIX
    lab_destroy
    if [[ $BENCH_KEEP == 1 ]]; then echo "bench: work files kept in $WORK" >&2; else rm -rf "$WORK"; fi
}

# start_daemon DAEMON HOST CONF [ENV...]: DAEMON (vrrpd|keepalived) in the foreground inside HOST; prints its pid.
# For keepalived that is the parent; its VRRP child is found through /proc (footprint) when needed.
start_daemon() {
    local daemon=$1 host=$2 conf=$3; shift 3
    local log="$TRIAL_DIR/h$host.$daemon.log"
    if [[ $daemon == vrrpd ]]; then
        lab_spawn "$host" "$log" env "$@" "$VRRPD" run -f "$(lab_vrrpd_conf "$conf" "$TRIAL_DIR" "h$host")" \
            --control-socket "$TRIAL_DIR/h$host.sock" --pid-file "$TRIAL_DIR/h$host.pid"
    else
        lab_spawn "$host" "$log" env "$@" "$KEEPALIVED" -n -l -P -G -f "$conf" \
            -p "$TRIAL_DIR/h$host.pid" -r "$TRIAL_DIR/h$host.vrrp.pid" -i "bench-h$host"
    fi
}

# start_capture HOST: tcpdump of protocol 112 on HOST's eth0 into $TRIAL_DIR/hHOST.pcap, each packet written at
# once; returns when tcpdump is listening.
start_capture() {
    local host=$1 log="$TRIAL_DIR/h$1.tcpdump.log"
    lab_spawn "$host" "$log" tcpdump -i eth0 --immediate-mode -U -n -Z root -w "$TRIAL_DIR/h$host.pcap" 'ip proto 112' >/dev/null
    for _ in $(seq 500); do
        grep -q "listening on" "$log" 2>/dev/null && return 0
        sleep 0.01
    done
    echo "tcpdump did not start on host $host" >&2
    return 1
}

# wait_vip HOST VIP TIMEOUT_S: true once VIP is local on HOST.
wait_vip() { python3 "$BENCH_DIR/vipwait.py" "$(lab_ns "$1")" "$2" "$3" -- >/dev/null; }

# has_vip HOST VIP
has_vip() { lab_has_address "$1" "$2"; }

# daemon_tree PID: PID and its children (keepalived's VRRP child; vrrpd has none).
daemon_tree() {
    local pid=$1 child
    echo "$pid"
    for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do daemon_tree "$child"; done
}

# trial_log_tail: the last lines of a failed trial's logs, for the run's stderr.
trial_log_tail() {
    local f
    for f in "$TRIAL_DIR"/*.log; do
        [[ -s $f ]] || continue
        echo "   -- $(basename "$f")" >&2
        tail -n 5 "$f" | sed 's/^/      /' >&2
    done
}
