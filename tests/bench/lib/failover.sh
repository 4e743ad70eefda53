# failover.sh: the failover scenarios (sourced by run.sh). Each trial is one fresh lab with host 1 the master
# (priority 150) and host 2 the backup (priority 100) capturing every advert; results are appended to $RESULTS as
#   failover SCENARIO DAEMON TRIAL CAPTURE_S ACTION_TO_VIP_S FLAPS
# (or "fail SCENARIO DAEMON TRIAL REASON"). CAPTURE_S is measured on the backup's capture, ACTION_TO_VIP_S from the
# action (cut, SIGTERM, demote, fault) to the VIP being local on the backup (polled every 5 ms).

MASTER_PRIORITY=150
BACKUP_PRIORITY=100
MASTER_IP=$(lab_ipv4 1)
BACKUP_IP=$(lab_ipv4 2)
VIP=$(vip_address 1)

# failover_trial SCENARIO DAEMON TRIAL KIND VERSION INTERVAL: one lab, one pair, one measured handover.
# KIND: loss (bridge port cut), stop (SIGTERM), demote, gpu, container.
failover_trial() {
    local scenario=$1 daemon=$2 trial=$3 kind=$4 version=$5 interval=$6
    # A setup_KIND function (health.sh) may fill these for the master: top-level blocks, instance lines, its
    # environment, and the command that demotes it or injects its fault. The backup always runs the plain config.
    local global_conf="" extra1="" env1=() demote_action=() fault_action=()
    local action mode timeout settle out measured vip_time action_time
    bench_lab_up
    if declare -F "setup_$kind" >/dev/null && ! "setup_$kind" "$daemon"; then
        echo "fail $scenario $daemon $trial setup_failed" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi
    { echo "$global_conf"; conf_instances "$version" "$interval" "$MASTER_PRIORITY" 1 "$extra1"; } >"$TRIAL_DIR/h1.conf"
    conf_instances "$version" "$interval" "$BACKUP_PRIORITY" 1 >"$TRIAL_DIR/h2.conf"
    timeout=$(awk -v i="$interval" 'BEGIN { print 4 * i + 10 }')
    settle=$(awk -v i="$interval" 'BEGIN { print 2 * i + 0.3 }')

    start_capture 2 || { echo "fail $scenario $daemon $trial capture" >>"$RESULTS"; bench_lab_down; return 1; }
    start_daemon "$daemon" 1 "$TRIAL_DIR/h1.conf" "${env1[@]}" >/dev/null
    local master_pid=${LAB_PIDS[-1]}
    start_daemon "$daemon" 2 "$TRIAL_DIR/h2.conf" >/dev/null
    if ! wait_vip 1 "$VIP" "$timeout"; then
        echo "fail $scenario $daemon $trial no_master" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi
    # Settle: a backup that raced the master at start-up has yielded after one advert of the higher priority; from
    # then on any advert from the backup before the event is a spurious takeover, counted as FLAPS.
    sleep "$settle"
    local steady_since=$EPOCHREALTIME
    sleep "$(awk -v i="$interval" 'BEGIN { print 2 * i + 0.2 }')"
    if [[ $kind == gpu || $kind == container ]]; then
        # A random phase of 0-1 s against the trackers' 1 s cadence (keepalived's vrrp_script runs on whole
        # seconds from its start): a polling check then waits half an interval on average, not whatever fixed
        # phase the trial's own sleeps would give it.
        sleep "$(printf '0.%03d' $((RANDOM % 1000)))"
    fi

    case $kind in
    loss) action=(bridge -n "$(lab_sw)" link set dev p1 state 0); mode=loss ;;
    stop) action=(kill -TERM "$master_pid"); mode=release ;;
    demote) action=("${demote_action[@]}"); mode=release ;;
    gpu | container) action=("${fault_action[@]}"); mode=after ;;
    esac
    if ! out=$(python3 "$BENCH_DIR/vipwait.py" "$(lab_ns 2)" "$VIP" "$timeout" -- "${action[@]}"); then
        echo "fail $scenario $daemon $trial no_takeover" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi
    read -r action_time _ vip_time <<<"$out"
    sleep "$(awk -v i="$interval" 'BEGIN { print (i < 0.2) ? 0.3 : 2 * i }')"   # the new master's adverts reach the capture
    if [[ $mode == after ]]; then
        measured=$(python3 "$BENCH_DIR/adverts.py" --steady-since "$steady_since" after "$TRIAL_DIR/h2.pcap" "$BACKUP_IP" "$action_time")
    else
        measured=$(python3 "$BENCH_DIR/adverts.py" --steady-since "$steady_since" "$mode" "$TRIAL_DIR/h2.pcap" "$MASTER_IP" "$BACKUP_IP")
    fi
    if [[ -z $measured ]]; then
        echo "fail $scenario $daemon $trial capture_incomplete" >>"$RESULTS"
        bench_lab_down; return 1
    fi
    local _from _to seconds flaps
    read -r _from _to seconds flaps <<<"$measured"
    echo "failover $scenario $daemon $trial $seconds $vip_time $flaps" >>"$RESULTS"
    printf '   %-12s %-10s trial %2d: %8.4f s capture, %8.4f s action->VIP%s\n' "$scenario" "$daemon" "$trial" \
        "$seconds" "$vip_time" "$( ((flaps > 0)) && echo ", $flaps backup advert(s) before the event")"
    bench_lab_down
}

# run_failover SCENARIO KIND VERSION INTERVAL: TRIALS trials per daemon, the daemons alternating (which one goes
# first alternates too) so drifting machine load falls on both alike.
run_failover() {
    local scenario=$1 kind=$2 version=$3 interval=$4 trial first second
    for ((trial = 1; trial <= TRIALS; trial++)); do
        if ((trial % 2)); then first=vrrpd second=keepalived; else first=keepalived second=vrrpd; fi
        failover_trial "$scenario" "$first" "$trial" "$kind" "$version" "$interval" || true
        failover_trial "$scenario" "$second" "$trial" "$kind" "$version" "$interval" || true
    done
}
