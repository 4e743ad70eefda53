# startup.sh: process start -> first advert on the wire (sourced by run.sh). One daemon alone on host 1 of a fresh
# lab, priority 255, advert_int 1 s, VRRPv3, captured on host 1 itself:
#   startup startup DAEMON TRIAL SECONDS
# The start is the wall clock just before the process is spawned. Priority 255 because RFC 5798 §6.4.1 sends the
# first advert at once only then; below 255 both daemons start as Backup and wait Master_Down_Interval (3.4 s at
# priority 150, `state MASTER` or not), which would bury the start-up cost under a protocol timer.

startup_trial() {
    local daemon=$1 trial=$2 started first="" seconds
    bench_lab_up
    conf_instances 3 1 255 1 | sed 's/state BACKUP/state MASTER/' >"$TRIAL_DIR/h1.conf"
    start_capture 1 || { echo "fail startup $daemon $trial capture" >>"$RESULTS"; bench_lab_down; return 1; }
    started=$EPOCHREALTIME
    start_daemon "$daemon" 1 "$TRIAL_DIR/h1.conf" >/dev/null
    for _ in $(seq 100); do
        first=$(python3 "$BENCH_DIR/adverts.py" first "$TRIAL_DIR/h1.pcap" "$MASTER_IP" 2>/dev/null) && break
        sleep 0.1
    done
    if [[ -z $first ]]; then
        echo "fail startup $daemon $trial no_advert" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi
    seconds=$(awk -v a="$started" -v b="$first" 'BEGIN { printf "%.6f", b - a }')
    echo "startup startup $daemon $trial $seconds" >>"$RESULTS"
    printf '   %-12s %-10s trial %2d: %8.4f s\n' startup "$daemon" "$trial" "$seconds"
    bench_lab_down
}

run_startup() {
    local trial
    for ((trial = 1; trial <= TRIALS; trial++)); do
        if ((trial % 2)); then
            startup_trial vrrpd "$trial" || true; startup_trial keepalived "$trial" || true
        else
            startup_trial keepalived "$trial" || true; startup_trial vrrpd "$trial" || true
        fi
    done
}
