#!/usr/bin/env bash
# demo.sh: two hosts, a VIP, and three ways to lose the primary, each with the failover time next to the RFC's
# figure:
#   scene 1  silent loss: the primary is cut off (its link stays up); the backup waits Master_Down_Interval.
#   scene 2  GPU fault: Xid 79 injected into the primary's (fake) NVML; vrrpd hears the event, goes to Fault and
#            sends priority 0, so the backup takes over after Skew_Time only.
#   scene 3  container crash: the primary's tracked container dies (Podman); the same, through the engine's events.
#
#   sudo packaging/lab/demo.sh                         # vrrpd (artifacts/vrrpd, built by packaging/build.sh)
#   sudo DEMO_DAEMON=keepalived packaging/lab/demo.sh  # keepalived 2.x: scene 1, and scene 2 with a vrrp_script
#   VRRPD_BIN=/path/to/vrrpd sudo -E packaging/lab/demo.sh
#
# Host 2 runs conf/lab-backup.conf (priority 100). Host 1 (priority 150) runs conf/lab-primary-gpu-container.conf
# (vrrpd, Podman installed), conf/lab-primary-gpu.conf (vrrpd, no Podman: scene 3 is skipped) or
# conf/lab-primary-gpu-script.conf (keepalived: its GPU check is a vrrp_script running packaging/lab/gpu-check.c
# every second, fall 1); conf/lab-primary.conf when gcc is missing (scenes 2 and 3 skipped). All VRRPv3,
# advert_int 1 s, VIP 192.0.2.100. The GPU is tests/native's fake NVML, built with gcc; the container runs in a
# private Podman (tests/engine/podman-setup.sh). Everything lives in network namespaces named vi-<pid>-* and in
# one scratch directory, removed on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DAEMON=${DEMO_DAEMON:-vrrpd}
VIP=192.0.2.100
ADVERT_INT=1
BACKUP_PRIORITY=100
# RFC 5798 §6.1: Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256;
#                Master_Down_Interval = 3 * Master_Adver_Interval + Skew_Time.
MASTER_DOWN=$(awk -v i=$ADVERT_INT -v p=$BACKUP_PRIORITY 'BEGIN { printf "%.3f", 3 * i + (256 - p) * i / 256 }')
SKEW_TIME=$(awk -v i=$ADVERT_INT -v p=$BACKUP_PRIORITY 'BEGIN { printf "%.3f", (256 - p) * i / 256 }')

# shellcheck source=lab.sh
source "$ROOT/packaging/lab/lab.sh"
[[ $(id -u) == 0 ]] || { echo "demo.sh needs root (network namespaces)" >&2; exit 1; }
# What the build and the lab need, installed with apt-get where missing (one list: packaging/install-deps.sh).
"$ROOT/packaging/install-deps.sh" build demo
lab_preflight demo.sh ip bridge tcpdump tshark

case $DAEMON in
vrrpd) BIN=$(lab_vrrpd_binary) || exit 1 ;;
keepalived) BIN=$(command -v keepalived) ;;
*) echo "DEMO_DAEMON must be vrrpd or keepalived, not '$DAEMON'" >&2; exit 1 ;;
esac
WORK=$(mktemp -d /tmp/vrrpd-demo.XXXXXX)
PODMAN_DIR=$WORK/podman
cleanup() {
    lab_destroy
    if [[ -d $PODMAN_DIR ]]; then "$ROOT/tests/engine/podman-setup.sh" stop "$PODMAN_DIR" >/dev/null 2>&1 || true; fi
    rm -rf "$WORK"
}
lab_create 2
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# start_daemon HOST CONF: the daemon in the foreground inside HOST, its log in $WORK.
start_daemon() {
    local host=$1 conf=$2
    if [[ $DAEMON == vrrpd ]]; then
        lab_spawn "$host" "$WORK/h$host.log" "$BIN" run -f "$(lab_vrrpd_conf "$conf" "$WORK" "h$host")" \
            --control-socket "$WORK/h$host.sock" --pid-file "$WORK/h$host.pid" >/dev/null
    else
        lab_spawn "$host" "$WORK/h$host.log" "$BIN" -n -l -D -P -G -f "$conf" \
            -p "$WORK/h$host.pid" -r "$WORK/h$host.vrrp.pid" -i "demo-h$host" >/dev/null
    fi
}

show_host() {
    local host=$1
    echo "-- host $host ($(lab_ns "$host")): ip addr show eth0"
    lab_exec "$host" ip addr show eth0 | sed 's/^/   /'
    if [[ $DAEMON == vrrpd ]]; then
        echo "-- host $host: vrrpd status"
        "$BIN" status --control-socket "$WORK/h$host.sock" | sed 's/^/   /' || true
    else
        echo "-- host $host: keepalived has no status command; its last state change:"
        grep -E "Entering [A-Z]+ STATE" "$WORK/h$host.log" | tail -1 | sed 's/^/   /' || true
    fi
}

# wait_for_vip HOST TIMEOUT_S: polls every 10 ms; prints the wall clock when the VIP showed up.
wait_for_vip() {
    local host=$1 deadline
    deadline=$(awk -v t="$(now)" -v d="$2" 'BEGIN { printf "%.3f", t + d }')
    while ! lab_has_address "$host" "$VIP"; do
        if awk -v t="$(now)" -v d="$deadline" 'BEGIN { exit !(t > d) }'; then
            echo "VIP $VIP did not appear on host $host within $2 s; logs:" >&2
            tail -n 20 "$WORK"/h*.log >&2
            return 1
        fi
        sleep 0.01
    done
    now
}

# wait_for_no_vip HOST TIMEOUT_S: polls every 10 ms until the VIP is gone from HOST; prints the wall clock then.
wait_for_no_vip() {
    local host=$1 deadline
    deadline=$(awk -v t="$(now)" -v d="$2" 'BEGIN { printf "%.3f", t + d }')
    while lab_has_address "$host" "$VIP"; do
        if awk -v t="$(now)" -v d="$deadline" 'BEGIN { exit !(t > d) }'; then
            echo "VIP $VIP still on host $host after $2 s; logs:" >&2
            tail -n 20 "$WORK"/h*.log >&2
            return 1
        fi
        sleep 0.01
    done
    now
}

# shellcheck source=demo-health.sh
source "$ROOT/packaging/lab/demo-health.sh"
health_prepare

echo "== $DAEMON: host 1 primary (priority 150), host 2 backup (priority $BACKUP_PRIORITY), VRRPv3, advert_int $ADVERT_INT s"
echo "   host 1 runs ${PRIMARY_TEMPLATE#"$ROOT/"}"
start_daemon 1 "$PRIMARY_CONF"
PRIMARY_PID=${LAB_PIDS[-1]}
start_daemon 2 "$ROOT/conf/lab-backup.conf"
wait_for_vip 1 15 >/dev/null
# The backup sees every advert: capture there (adverts only, IP protocol 112), each packet written at once.
lab_spawn 2 "$WORK/tcpdump.log" tcpdump -i eth0 --immediate-mode -U -n -Z root -w "$WORK/h2.pcap" 'ip proto 112' >/dev/null
sleep $((2 * ADVERT_INT + 1))
show_host 1
show_host 2

echo "== cutting host 1 off (its bridge port stops forwarding; its link stays up: a silent loss)"
cut_at=$(now)
lab_cut 1
vip_at=$(wait_for_vip 2 15)
sleep 0.5   # let the capture record the backup's first adverts
kill -INT "${LAB_PIDS[-1]}"; wait "${LAB_PIDS[-1]}" 2>/dev/null || true

# Adverts as "epoch source priority"; failover = last advert from host 1 -> first advert from host 2 after it.
tshark -r "$WORK/h2.pcap" -Y vrrp -T fields -e frame.time_epoch -e ip.src -e vrrp.prio 2>/dev/null >"$WORK/adverts.txt"
read -r last_primary first_backup < <(awk -v p="$(lab_ipv4 1)" -v b="$(lab_ipv4 2)" '
    $2 == p { last = $1 }
    $2 == b && last != "" && first == "" { first = $1 }
    END { print last, first }' "$WORK/adverts.txt")
if [[ -z $last_primary || -z $first_backup ]]; then
    echo "the capture lacks the adverts needed for the measurement:" >&2
    cat "$WORK/adverts.txt" >&2
    exit 1
fi

echo
show_host 2
echo
echo "== scene 1: failover after a silent loss ($DAEMON, advert_int $ADVERT_INT s, backup priority $BACKUP_PRIORITY)"
printf '   last primary advert -> first backup advert : %s s  (capture on host 2)\n' "$(elapsed "$last_primary" "$first_backup")"
printf '   last primary advert -> VIP on the backup   : %s s\n' "$(elapsed "$last_primary" "$vip_at")"
printf '   cut -> VIP on the backup                   : %s s\n' "$(elapsed "$cut_at" "$vip_at")"
printf '   RFC 5798 Master_Down_Interval              : %s s  (3 x %s s + (256 - %s) / 256 x %s s)\n' \
    "$MASTER_DOWN" "$ADVERT_INT" "$BACKUP_PRIORITY" "$ADVERT_INT"
echo "   (the primary, cut off, still holds the VIP as well: it hears nothing; restoring its port heals the split)"

echo
echo "== restoring host 1's port: the backup hears priority 150 again and yields"
lab_restore 1
wait_for_no_vip 2 10 >/dev/null

scene_gpu
scene_container
