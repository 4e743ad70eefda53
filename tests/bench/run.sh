#!/usr/bin/env bash
# run.sh: the failover benchmark, vrrpd against keepalived, on this machine, in network namespaces.
#
#   sudo tests/bench/run.sh                                   # everything, 20 trials each, writes docs/benchmarks.md
#   sudo tests/bench/run.sh --trials 5 --footprint-seconds 10 # a quick run
#   sudo tests/bench/run.sh --scenarios loss-v3-1s,stop-v3-1s --out /tmp/b.md
#
# Options:
#   --trials N               trials per scenario and daemon (default 20)
#   --scenarios a,b,c        scenario ids or groups (default: all); `--list` prints them
#   --out FILE               markdown report (default docs/benchmarks.md); the plot goes beside it as
#                            NAME-failover.svg (benchmarks-failover.svg), written only when a failover scenario ran
#   --footprint-seconds S    measuring window of the 1-instance footprint (default 30); the 200-instance one runs
#                            twice as long (default 60)
#   --contention-seconds S   hog window per daemon, interval and trial of the contention scenarios (default 60)
#   --partition-seconds S    how long the partition scenario cuts VRRP between the hosts (default 5)
#   --keep                   keep the per-trial work files (configs, logs, captures) and print where
#   --note TEXT              a line for the report's header (e.g. "machine loaded by other jobs")
#
# Each trial builds fresh namespaces ($BENCH_PREFIX-<n>-{sw,h1,h2}, packaging/lab/lab.sh), runs one pair (vrrpd or
# keepalived, the same keepalived-grammar configuration), measures, and removes them; vrrpd and keepalived trials
# alternate. An EXIT trap (also on Ctrl-C) removes every namespace and process the run made.
# Needs root, ip, bridge, tcpdump, python3, keepalived (the partition scenario also etcd, nft, curl, ping; contention
# taskset: when one is missing that scenario fails, loudly, and the run exits non-zero); vrrpd is artifacts/vrrpd (built by packaging/build.sh when
# missing) or $VRRPD_BIN.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_DIR="$ROOT/tests/bench"
TRIALS=20
SCENARIO_FILTER=all
OUT="$ROOT/docs/benchmarks.md"
FOOTPRINT_SECONDS=30
CONTENTION_SECONDS=60
PARTITION_SECONDS=5
BENCH_KEEP=0
NOTE=""
COMMAND_LINE=tests/bench/run.sh
for arg in "$@"; do
    if [[ $arg =~ ^[A-Za-z0-9_.,/=:+-]+$ ]]; then COMMAND_LINE+=" $arg"; else COMMAND_LINE+=" '${arg//\'/\'\\\'\'}'"; fi
done

# id|group|title|kind|version|interval  (kind: loss stop demote gpu container footprint startup)
SCENARIOS=(
    "loss-v3-1s|loss|Silent master loss, VRRPv3, advert_int 1 s|loss|3|1"
    "loss-v2-1s|loss|Silent master loss, VRRPv2 (PASS auth), advert_int 1 s|loss|2|1"
    "loss-v3-50ms|loss|Silent master loss, VRRPv3, advert_int 0.05 s|loss|3|0.05"
    "loss-v3-10ms|loss|Silent master loss, VRRPv3, advert_int 0.01 s|loss|3|0.01"
    "stop-v3-1s|handover|Graceful stop (SIGTERM of the master), VRRPv3, advert_int 1 s|stop|3|1"
    "demote-v3-1s|handover|Administrative demote (vrrpd demote / keepalived track_file), VRRPv3, advert_int 1 s|demote|3|1"
    "gpu-xid-100ms|health|GPU fault (Xid 79, GPU lost), advert_int 0.1 s: built-in tracker vs vrrp_script at interval 1 / fall 1|gpu|3|0.1"
    "container-death-100ms|health|Container death, advert_int 0.1 s: built-in tracker vs vrrp_script asking the engine API|container|3|0.1"
    "footprint-1x1s|footprint|Idle, 1 instance, advert_int 1 s|footprint|3|1"
    "footprint-200x100ms|footprint|200 instances (VRID 1..200), advert_int 0.1 s|footprint|3|0.1"
    "startup|startup|Start-up: process start to first advert sent (priority 255)|startup|3|1"
    "contention-100ms|contention|CPU contention: a busy loop pinned to each core, normal priority, advert_int 0.1 s|contention|3|0.1"
    "contention-10ms|contention|CPU contention: a busy loop pinned to each core, normal priority, advert_int 0.01 s|contention|3|0.01"
    "partition|partition|VRRP-only partition between the hosts (nft drops protocol 112 on the backup), then healed; advert_int 0.1 s|partition|3|0.1"
    "ownership-loss|partition|Silent master loss with vrrp_ownership (etcd, lease_ttl 5), advert_int 0.1 s|ownloss|3|0.1"
    "ownership-gpu|partition|GPU fault (Xid 79) with and without vrrp_ownership (etcd, lease_ttl 5), advert_int 0.1 s|owngpu|3|0.1"
    "allocation|allocation|Allocation per advert on the event loop: 10 instances at advert_int 0.01 s, 10 s (10,000 adverts each way)|alloc|3|0.01"
    "gpu-xid-1s|health|GPU fault (Xid 79, GPU lost), advert_int 1 s: built-in tracker vs vrrp_script at interval 1 / fall 1|gpu|3|1"
    "container-death-1s|health|Container death, advert_int 1 s: built-in tracker vs vrrp_script asking the engine API|container|3|1"
)
# The health scenarios' headline rows run at advert_int 0.1 s: after detection both daemons send priority 0 and the
# backup waits Skew_Time, 0.609 s at 1 s adverts, which would bury the difference in detection; at 0.1 s it is
# 61 ms. The 1 s rows run last, as the keepalived-default figure (run order is this list; the report groups them).

usage() { sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

while (($#)); do
    case $1 in
    --trials) TRIALS=$2; shift 2 ;;
    --scenarios) SCENARIO_FILTER=$2; shift 2 ;;
    --out) OUT=$(realpath -m "$2"); shift 2 ;;
    --footprint-seconds) FOOTPRINT_SECONDS=$2; shift 2 ;;
    --contention-seconds) CONTENTION_SECONDS=$2; shift 2 ;;
    --partition-seconds) PARTITION_SECONDS=$2; shift 2 ;;
    --keep) BENCH_KEEP=1; shift ;;
    --note) NOTE=$2; shift 2 ;;
    --list) for s in "${SCENARIOS[@]}"; do IFS='|' read -r id group title _ <<<"$s"; printf '%-20s %-10s %s\n' "$id" "$group" "$title"; done; exit 0 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
[[ $TRIALS =~ ^[1-9][0-9]*$ ]] || { echo "--trials must be a positive integer" >&2; exit 2; }
[[ $FOOTPRINT_SECONDS =~ ^[1-9][0-9]*$ ]] || { echo "--footprint-seconds must be a positive integer" >&2; exit 2; }
[[ $CONTENTION_SECONDS =~ ^[1-9][0-9]*$ ]] || { echo "--contention-seconds must be a positive integer" >&2; exit 2; }
[[ $PARTITION_SECONDS =~ ^[1-9][0-9]*$ ]] || { echo "--partition-seconds must be a positive integer" >&2; exit 2; }

# shellcheck source=../../packaging/lab/lab.sh
source "$ROOT/packaging/lab/lab.sh"
lab_preflight run.sh ip bridge tcpdump python3 keepalived awk
VRRPD=$(lab_vrrpd_binary) || exit 1
KEEPALIVED=$(command -v keepalived)
BENCH_PREFIX="vb-$$"
LAB_PREFIX=$BENCH_PREFIX
WORK=$(mktemp -d /tmp/vrrpd-bench.XXXXXX)
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
for lib in config daemon failover health footprint startup contention partition allocation; do
    # shellcheck source=/dev/null
    source "$BENCH_DIR/lib/$lib.sh"
done
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

selected() {
    local id=$1 group=$2 want
    [[ $SCENARIO_FILTER == all ]] && return 0
    IFS=',' read -ra want <<<"$SCENARIO_FILTER"
    for w in "${want[@]}"; do [[ $w == "$id" || $w == "$group" ]] && return 0; done
    return 1
}

# write_report [PROGRESS]: docs/benchmarks.md and the SVG from what $RESULTS holds so far. Called after every
# scenario (with a "partial run" note, so a run cut short still leaves the scenarios it finished) and at the end.
write_report() {
    local note=$NOTE seconds cpu_model
    [[ -n ${1:-} ]] && note="${NOTE:+$NOTE }$1"
    seconds=$(awk -v a="$run_started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
    cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    mkdir -p "$(dirname "$OUT")"
    python3 "$BENCH_DIR/report.py" "$RESULTS" "$OUT" "$SVG" \
        --date "$(date -u '+%Y-%m-%d %H:%M UTC')" \
        --machine "$(nproc) CPU(s), ${cpu_model:-unknown CPU}, Linux $(uname -r)" \
        --load "$(cut -d' ' -f1-3 /proc/loadavg)" --load-samples "$LOAD_SAMPLES" \
        --vrrpd "$("$VRRPD" --version)" \
        --keepalived "$("$KEEPALIVED" --version 2>&1 | head -1)" \
        --trials "$TRIALS" --footprint-seconds "$FOOTPRINT_SECONDS" --runtime "$seconds" \
        --contention-seconds "$CONTENTION_SECONDS" --partition-seconds "$PARTITION_SECONDS" \
        --command "$COMMAND_LINE" --note "$note" --notes-file "$BENCH_DIR/notes.md"
}

# docs/benchmarks.md -> docs/benchmarks-failover.svg; another --out gets its own plot beside it.
SVG="${OUT%.md}-failover.svg"
run_started=$EPOCHREALTIME
# The machine may be shared: the 1-minute load average is recorded before the run and after every scenario.
LOAD_SAMPLES="start: $(cut -d' ' -f1 /proc/loadavg)"
scenario_count=0
for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r id group _ <<<"$s"
    selected "$id" "$group" && scenario_count=$((scenario_count + 1))
done
scenario_done=0
RUN_FAILED=0
echo "== vrrpd $("$VRRPD" --version) vs $("$KEEPALIVED" --version 2>&1 | head -1); $TRIALS trial(s) per scenario"
for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r id group title kind version interval <<<"$s"
    selected "$id" "$group" || continue
    case $kind in
    loss | contention) limit=$(rfc_master_down "$version" "$interval" "$BACKUP_PRIORITY"); limit_name="Master_Down_Interval" ;;
    stop | demote | gpu | container) limit=$(rfc_skew "$version" "$interval" "$BACKUP_PRIORITY"); limit_name="Skew_Time" ;;
    *) limit=""; limit_name="" ;;
    esac
    echo "scenario $id $group $kind ${limit:--} ${limit_name:--} $title" >>"$RESULTS"
    if declare -F "available_$kind" >/dev/null && ! reason=$("available_$kind"); then
        if [[ $reason == FAILED* ]]; then
            # A tool the scenario needs is missing: not a feature still to come, so the run fails (at the end).
            echo "== $id: $reason" >&2
            RUN_FAILED=1
        fi
        echo "== $id: skipped: $reason"
        echo "skip $id $reason" >>"$RESULTS"
        scenario_done=$((scenario_done + 1))
        continue
    fi
    echo "== $id: $title"
    scenario_started=$EPOCHREALTIME
    case $kind in
    loss | stop | demote | gpu | container) run_failover "$id" "$kind" "$version" "$interval" ;;
    footprint)
        if [[ $id == footprint-1x1s ]]; then
            run_footprint "$id" 1 "$interval" "$FOOTPRINT_SECONDS"
        else
            run_footprint "$id" 200 "$interval" $((2 * FOOTPRINT_SECONDS))
        fi
        ;;
    startup) run_startup ;;
    contention) run_contention "$id" "$interval" ;;
    partition) run_partition "$id" ;;
    ownloss) run_ownloss "$id" ;;
    owngpu) run_owngpu "$id" ;;
    alloc) run_alloc "$id" ;;
    esac
    [[ $kind == container ]] && stop_container_engine
    echo "   ($id took $(awk -v a="$scenario_started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s)"
    scenario_done=$((scenario_done + 1))
    LOAD_SAMPLES+=", after $id: $(cut -d' ' -f1 /proc/loadavg)"
    if ((scenario_done < scenario_count)); then
        write_report "**Partial run:** $scenario_done of $scenario_count scenarios finished when this file was written." ||
            echo "== the interim report failed (the run goes on)" >&2
    fi
done
LOAD_SAMPLES+=", end: $(cut -d' ' -f1 /proc/loadavg)"
write_report || exit 1
run_seconds=$(awk -v a="$run_started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
echo "== wrote $OUT (and $SVG if a failover scenario ran) in $run_seconds s"
((RUN_FAILED == 0)) || { echo "== a scenario could not run: a tool it needs is missing (see above)" >&2; exit 1; }
