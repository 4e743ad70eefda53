# footprint.sh: memory and CPU of each daemon at rest (sourced by run.sh). A pair per daemon in a fresh lab, host 1
# master of every instance, host 2 backup; after a warm-up each host's process tree (keepalived: parent + VRRP
# child) is read from /proc:
#   footprint CASE DAEMON ROLE RSS_KIB CPU_S WINDOW_S PROCESSES THREADS
# RSS: VmRSS summed over the tree at the end of the window; CPU: utime + stime summed over the window.

CLK_TCK=$(getconf CLK_TCK)

# tree_ticks PID...: utime + stime of each PID, in clock ticks, as "PID TICKS" lines.
tree_ticks() {
    local pid stat
    for pid in "$@"; do
        stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
        stat=${stat##*) }   # fields from 3 (state) on; comm, which may hold spaces, is gone
        # shellcheck disable=SC2086
        set -- $stat
        echo "$pid $((${12} + ${13}))"
    done
}

# tree_status FIELD PID...: a /proc/PID/status field (VmRSS in kB, Threads) summed over the PIDs.
tree_status() {
    local field=$1 pid total=0 value; shift
    for pid in "$@"; do
        value=$(awk -v f="$field:" '$1 == f { print $2 }' "/proc/$pid/status" 2>/dev/null) || continue
        total=$((total + ${value:-0}))
    done
    echo "$total"
}

# footprint_run CASE DAEMON COUNT INTERVAL SECONDS
footprint_run() {
    local case=$1 daemon=$2 count=$3 interval=$4 seconds=$5 host pid
    local -A root_pid before
    bench_lab_up
    conf_instances 3 "$interval" "$MASTER_PRIORITY" "$count" >"$TRIAL_DIR/h1.conf"
    conf_instances 3 "$interval" "$BACKUP_PRIORITY" "$count" >"$TRIAL_DIR/h2.conf"
    start_daemon "$daemon" 1 "$TRIAL_DIR/h1.conf" >/dev/null; root_pid[1]=${LAB_PIDS[-1]}
    start_daemon "$daemon" 2 "$TRIAL_DIR/h2.conf" >/dev/null; root_pid[2]=${LAB_PIDS[-1]}
    if ! wait_vip 1 "$(vip_address "$count")" 30 || ! wait_vip 1 "$(vip_address 1)" 5; then
        echo "fail $case $daemon 1 no_master" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi
    sleep 3   # start-up allocations and the first gratuitous ARP rounds are over
    local -A pids
    for host in 1 2; do pids[$host]=$(daemon_tree "${root_pid[$host]}" | tr '\n' ' '); done
    # shellcheck disable=SC2086
    for host in 1 2; do
        while read -r pid ticks; do before[$pid]=$ticks; done < <(tree_ticks ${pids[$host]})
    done
    local started=$EPOCHREALTIME
    sleep "$seconds"
    local window
    window=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
    for host in 1 2; do
        local role=master total=0 n=0
        ((host == 2)) && role=backup
        # shellcheck disable=SC2086
        while read -r pid ticks; do
            [[ -n ${before[$pid]:-} ]] || continue
            total=$((total + ticks - before[$pid])); n=$((n + 1))
        done < <(tree_ticks ${pids[$host]})
        local rss threads
        # shellcheck disable=SC2086
        rss=$(tree_status VmRSS ${pids[$host]}); threads=$(tree_status Threads ${pids[$host]})
        local cpu
        cpu=$(awk -v t="$total" -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", t / hz }')
        echo "footprint $case $daemon $role $rss $cpu $window $n $threads" >>"$RESULTS"
        printf '   %-18s %-10s %-6s RSS %7.1f MiB, CPU %6.2f s over %s s (%d process(es), %d thread(s))\n' "$case" \
            "$daemon" "$role" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$cpu" "$window" "$n" "$threads"
    done
    bench_lab_down
}

run_footprint() {
    local case=$1 count=$2 interval=$3 seconds=$4
    footprint_run "$case" vrrpd "$count" "$interval" "$seconds" || true
    footprint_run "$case" keepalived "$count" "$interval" "$seconds" || true
}
