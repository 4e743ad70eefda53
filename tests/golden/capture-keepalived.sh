#!/usr/bin/env bash
# Captures VRRP advertisements sent by the installed keepalived (Debian 12: 2.2.7) so vrrpd's codec tests can pin
# golden bytes from a real peer (tests/Vrrpd.Core.Tests/Protocol/KeepalivedCaptureTests.cs).
#
# Two network namespaces (vp-cap-a, vp-cap-b) joined by a veth pair; keepalived runs alone in vp-cap-a as MASTER,
# tcpdump listens in vp-cap-b. Nothing touches the root namespace. Documentation addresses only:
#   vp-cap-a: 192.0.2.1/24, MAC 02:00:00:00:0a:01 (link-local fe80::ff:fe00:a01), 2001:db8::1/64
#   vp-cap-b: 192.0.2.2/24, MAC 02:00:00:00:0a:02
# Cases: v3/IPv4, v3/IPv6, v2, v2 with auth_type PASS. Each prints the hex of every captured frame (Ethernet
# included): the adverts while MASTER, then the priority-0 advert keepalived sends on SIGTERM.
#
# Usage (root): tests/golden/capture-keepalived.sh [OUTDIR]   (pcaps are kept in OUTDIR when given)
set -euo pipefail

NS_A=vp-cap-a
NS_B=vp-cap-b
WORK=$(mktemp -d /tmp/vp-capture.XXXXXX)
OUTDIR=${1:-}
PIDS=()

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    ip netns del "$NS_A" 2>/dev/null || true
    ip netns del "$NS_B" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

[[ $(id -u) -eq 0 ]] || { echo "needs root (network namespaces)" >&2; exit 1; }
for tool in keepalived tcpdump ip; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

ip netns add "$NS_A"
ip netns add "$NS_B"
for ns in "$NS_A" "$NS_B"; do
    # No DAD, so the link-local source exists as soon as the link is up.
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
    ip -n "$ns" link set lo up
done
ip -n "$NS_A" link add vpa address 02:00:00:00:0a:01 type veth peer name vpb netns "$NS_B" address 02:00:00:00:0a:02
ip -n "$NS_A" addr add 192.0.2.1/24 dev vpa
ip -n "$NS_A" addr add 2001:db8::1/64 dev vpa nodad
ip -n "$NS_B" addr add 192.0.2.2/24 dev vpb
ip -n "$NS_A" link set vpa up
ip -n "$NS_B" link set vpb up

# capture NAME VERSION VRID PRIORITY ADVERT_INT EXTRA VIPS...
capture() {
    local name=$1 version=$2 vrid=$3 priority=$4 advert_int=$5 extra=$6
    shift 6
    local conf=$WORK/$name.conf pcap=$WORK/$name.pcap vip
    {
        echo "global_defs { router_id vp_capture }"
        echo "vrrp_instance $name {"
        echo "    state MASTER"
        echo "    interface vpa"
        echo "    version $version"
        echo "    virtual_router_id $vrid"
        echo "    priority $priority"
        echo "    advert_int $advert_int"
        [[ -n $extra ]] && printf '    %s\n' "$extra"
        echo "    virtual_ipaddress {"
        for vip in "$@"; do echo "        $vip"; done
        echo "    }"
        echo "}"
    } >"$conf"

    ip netns exec "$NS_B" tcpdump -i vpb -U -s 0 -w "$pcap" 'ip proto 112 or ip6 proto 112' 2>"$WORK/$name.tcpdump.log" &
    local tcpdump_pid=$!
    PIDS+=("$tcpdump_pid")
    sleep 1
    ip netns exec "$NS_A" keepalived -n -l -D -P -f "$conf" \
        -p "$WORK/$name.pid" -r "$WORK/$name.vrrp.pid" -c "$WORK/$name.checkers.pid" >"$WORK/$name.keepalived.log" 2>&1 &
    local keepalived_pid=$!
    PIDS+=("$keepalived_pid")
    sleep 5
    kill -TERM "$keepalived_pid"
    wait "$keepalived_pid" || true
    sleep 1
    kill -INT "$tcpdump_pid"
    wait "$tcpdump_pid" || true
    PIDS=() # both reaped: never signal a recycled process id from cleanup

    echo "== $name (keepalived $(keepalived -v 2>&1 | head -1 | awk '{print $2}'), $(date -u +%Y-%m-%d))"
    echo "-- config:"
    sed 's/^/   /' "$conf"
    if [[ -n ${VP_CAPTURE_VERBOSE:-} ]]; then sed 's/^/   log: /' "$WORK/$name.keepalived.log"; fi
    echo "-- frames (hex, Ethernet header included):"
    # tcpdump -xx prints 16 bytes per line after an offset; join them into one string per frame.
    tcpdump -r "$pcap" -nn -xx 2>/dev/null | awk '
        /^[0-9]/ { if (hex != "") print "   " hex; hex = ""; next }
        { for (i = 2; i <= NF; i++) hex = hex $i }
        END { if (hex != "") print "   " hex }'
    if [[ -n $OUTDIR ]]; then
        mkdir -p "$OUTDIR"
        cp "$pcap" "$OUTDIR/"
    fi
}

capture v3_ipv4 3 61 120 0.5 "" 192.0.2.61/32 192.0.2.62/32
capture v3_ipv6 3 62 120 1 "" fe80::62/64 2001:db8::62/64
capture v2 2 63 120 1 "" 192.0.2.63/32
capture v2_pass 2 64 120 1 $'authentication {\n        auth_type PASS\n        auth_pass secret\n    }' 192.0.2.64/32
