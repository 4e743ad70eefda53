# contention.sh: the master's advert cadence while every core is busy (sourced by run.sh; issue 8). A pair per
# daemon in a fresh lab, host 1 master (priority 150), host 2 backup capturing every advert; once the pair has
# settled, one busy-loop hog per core (`taskset -c N sh -c 'while :; do :; done'`) runs for CONTENTION_SECONDS, at
# normal priority for both the hogs and the daemons (no vrrp_rt_priority, no realtime scheduling). From the
# backup's capture, the gaps between consecutive adverts of the master inside the hog window:
#   contention SCENARIO DAEMON TRIAL MAX_GAP_S P99_GAP_S MEDIAN_GAP_S ADVERTS BACKUP_ADVERTS WINDOW_S
# BACKUP_ADVERTS > 0 means the backup took over at least once (a gap past its Master_Down_Interval).

CONTENTION_SECONDS=${CONTENTION_SECONDS:-60}
HOG_PIDS=()

# start_hogs: one busy loop per online CPU, each pinned to its core. Their pids go to HOG_PIDS (stop_hogs, and
# bench_cleanup on any exit, kill them).
start_hogs() {
    local cpu
    for cpu in $(seq 0 $(($(nproc) - 1))); do
        taskset -c "$cpu" sh -c 'while :; do :; done' &
        HOG_PIDS+=("$!")
    done
}

stop_hogs() {
    local pid
    for pid in "${HOG_PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    for pid in "${HOG_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    HOG_PIDS=()
}

available_contention() {
    command -v taskset >/dev/null || { echo "FAILED: taskset is not installed (util-linux)"; return 1; }
}

contention_trial() {
    local scenario=$1 daemon=$2 trial=$3 interval=$4 t0 t1 out
    bench_lab_up
    conf_instances 3 "$interval" "$MASTER_PRIORITY" 1 >"$TRIAL_DIR/h1.conf"
    conf_instances 3 "$interval" "$BACKUP_PRIORITY" 1 >"$TRIAL_DIR/h2.conf"
    start_capture 2 || { echo "fail $scenario $daemon $trial capture" >>"$RESULTS"; bench_lab_down; return 1; }
    start_daemon "$daemon" 1 "$TRIAL_DIR/h1.conf" >/dev/null
    start_daemon "$daemon" 2 "$TRIAL_DIR/h2.conf" >/dev/null
    if ! wait_vip 1 "$VIP" 15; then
        echo "fail $scenario $daemon $trial no_master" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi
    sleep 2   # the backup has yielded, start-up is over
    start_hogs
    sleep 0.5 # the hogs are running; the window starts now
    t0=$EPOCHREALTIME
    sleep "$CONTENTION_SECONDS"
    t1=$EPOCHREALTIME
    stop_hogs
    sleep 0.3 # the last adverts reach the capture file
    if ! out=$(python3 "$BENCH_DIR/adverts.py" gaps "$TRIAL_DIR/h2.pcap" "$MASTER_IP" "$t0" "$t1" "$BACKUP_IP"); then
        echo "fail $scenario $daemon $trial capture_incomplete" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi
    local max p99 med n other window
    read -r max p99 med n other <<<"$out"
    window=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    echo "contention $scenario $daemon $trial $max $p99 $med $n $other $window" >>"$RESULTS"
    printf '   %-16s %-10s trial %2d: max gap %8.1f ms, p99 %7.1f ms, median %6.1f ms, %d adverts, %d backup advert(s) in %s s\n' \
        "$scenario" "$daemon" "$trial" "$(awk -v x="$max" 'BEGIN { print x * 1000 }')" \
        "$(awk -v x="$p99" 'BEGIN { print x * 1000 }')" "$(awk -v x="$med" 'BEGIN { print x * 1000 }')" "$n" "$other" "$window"
    bench_lab_down
}

# run_contention SCENARIO INTERVAL: TRIALS windows per daemon, alternating which daemon goes first.
run_contention() {
    local scenario=$1 interval=$2 trial first second
    for ((trial = 1; trial <= TRIALS; trial++)); do
        if ((trial % 2)); then first=vrrpd second=keepalived; else first=keepalived second=vrrpd; fi
        contention_trial "$scenario" "$first" "$trial" "$interval" || { stop_hogs; true; }
        contention_trial "$scenario" "$second" "$trial" "$interval" || { stop_hogs; true; }
    done
}
