# allocation.sh: what steady-state advertising allocates (sourced by run.sh; issue 8, "Done when": nothing per
# advert). One vrrpd pair, COUNT instances at advert_int 0.01 s: the master sends and the backup receives
# COUNT x 100 adverts a second. Each host exposes vrrpd_event_loop_allocated_bytes_total (the loop thread's
# allocations, read before the scrape builds anything on the loop). Three scrapes per host: s1 and s2 back to back
# (what one scrape itself allocates on the loop), s3 after the window; then
#   bytes per advert = ((s3 - s2) - (s2 - s1)) / adverts in the window
# with adverts from vrrpd_instance_adverts_sent_total (master) / _received_total (backup). Rows:
#   alloc SCENARIO ROLE TRIAL BYTES_PER_ADVERT ADVERTS WINDOW_S
# vrrpd only: keepalived is C and has no garbage collector to feed, so there is nothing to compare.

ALLOC_INSTANCES=${ALLOC_INSTANCES:-10}
ALLOC_SECONDS=${ALLOC_SECONDS:-10}
ALLOC_INTERVAL=${ALLOC_INTERVAL:-0.01}
ALLOC_PORT=9650

available_alloc() {
    command -v curl >/dev/null || { echo "FAILED: curl is not installed"; return 1; }
    vrrpd_accepts $'global_defs {\n    metrics_listen 127.0.0.1:9650\n}' ||
        { echo "FAILED: vrrpd check-config refuses metrics_listen"; return 1; }
}

# alloc_scrape HOST: "LOOP_BYTES SENT RECEIVED" from HOST's metrics endpoint.
alloc_scrape() {
    lab_exec "$1" curl -sf --max-time 5 "http://127.0.0.1:$ALLOC_PORT/metrics" | awk '
        $1 == "vrrpd_event_loop_allocated_bytes_total" { bytes = $2 }
        $1 ~ /^vrrpd_instance_adverts_sent_total/ { sent += $2 }
        $1 ~ /^vrrpd_instance_adverts_received_total/ { received += $2 }
        END { if (bytes == "") exit 1; printf "%.0f %.0f %.0f\n", bytes, sent, received }'
}

alloc_trial() {
    local scenario=$1 trial=$2 host
    local metrics=$'global_defs {\n    metrics_listen 127.0.0.1:'"$ALLOC_PORT"$'\n}'
    bench_lab_up
    { echo "$metrics"; conf_instances 3 "$ALLOC_INTERVAL" "$MASTER_PRIORITY" "$ALLOC_INSTANCES"; } >"$TRIAL_DIR/h1.conf"
    { echo "$metrics"; conf_instances 3 "$ALLOC_INTERVAL" "$BACKUP_PRIORITY" "$ALLOC_INSTANCES"; } >"$TRIAL_DIR/h2.conf"
    start_daemon vrrpd 1 "$TRIAL_DIR/h1.conf" >/dev/null
    start_daemon vrrpd 2 "$TRIAL_DIR/h2.conf" >/dev/null
    if ! wait_vip 1 "$(vip_address "$ALLOC_INSTANCES")" 20; then
        echo "fail $scenario vrrpd $trial no_master" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi
    sleep 3   # past start-up: the backup has yielded, the first scrapes' one-time costs (JIT-free: AOT) are paid
    local -A s1 s2
    for host in 1 2; do alloc_scrape "$host" >/dev/null; s1[$host]=$(alloc_scrape "$host"); s2[$host]=$(alloc_scrape "$host"); done
    local started=$EPOCHREALTIME
    sleep "$ALLOC_SECONDS"
    local window
    window=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
    for host in 1 2; do
        local s3 role column per adverts
        s3=$(alloc_scrape "$host") || { echo "fail $scenario vrrpd $trial scrape_h$host" >>"$RESULTS"; continue; }
        if ((host == 1)); then role=master; column=2; else role=backup; column=3; fi
        read -r per adverts < <(awk -v a="${s1[$host]}" -v b="${s2[$host]}" -v c="$s3" -v col="$column" 'BEGIN {
            split(a, x, " "); split(b, y, " "); split(c, z, " ")
            n = z[col] - y[col]
            bytes = (z[1] - y[1]) - (y[1] - x[1])
            printf "%.2f %d\n", (n > 0) ? bytes / n : -1, n }')
        echo "alloc $scenario $role $trial $per $adverts $window" >>"$RESULTS"
        printf '   %-12s %-7s trial %2d: %8.2f bytes per advert on the loop thread over %d adverts (%s s)\n' \
            "$scenario" "$role" "$trial" "$per" "$adverts" "$window"
    done
    bench_lab_down
}

run_alloc() {
    local scenario=$1 trial
    for ((trial = 1; trial <= TRIALS; trial++)); do alloc_trial "$scenario" "$trial" || true; done
}
