#!/usr/bin/env bash
# lab.sh: a bash library that builds a small VRRP lab out of network namespaces, mirroring the C# Lab in
# tests/Vrrpd.IntegrationTests. Source it, then:
#
#   lab_create 2            # switch namespace + hosts 1..2, eth0 each, documentation addresses
#   lab_exec 1 ip addr      # run a command inside host 1
#   lab_cut 1               # silent loss: the switch stops forwarding host 1's port, host 1's link stays up
#   lab_restore 1
#   lab_destroy             # kills what lab_spawn started and deletes every namespace (also run by the trap)
#
# Topology: "$LAB_PREFIX-sw" holds bridge br0; host i is "$LAB_PREFIX-h$i" with eth0 = 192.0.2.(10+i)/24 and
# 2001:db8::(10+i)/64, its peer "p$i" enslaved to br0. Every link is created directly inside a namespace
# (`ip link add ... netns`), so nothing is ever configured in the root namespace.

LAB_PREFIX="${LAB_PREFIX:-vi-$$}"
LAB_HOSTS=0
LAB_PIDS=()
LAB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# lab_preflight SCRIPT TOOL...: exits unless run as root with every TOOL installed (SCRIPT names the caller).
lab_preflight() {
    local script=$1 tool; shift
    [[ $(id -u) == 0 ]] || { echo "$script needs root (network namespaces)" >&2; exit 1; }
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "$script needs $tool" >&2; exit 1; }
    done
}

# lab_vrrpd_binary: prints the vrrpd to run, $VRRPD_BIN or artifacts/vrrpd, building the latter with
# packaging/build.sh when it is missing (build output on stderr). Fails when the build does.
lab_vrrpd_binary() {
    local bin=${VRRPD_BIN:-$LAB_ROOT/artifacts/vrrpd}
    if [[ ! -x $bin ]]; then
        echo "== $bin is missing: building it with packaging/build.sh" >&2
        "$LAB_ROOT/packaging/build.sh" >&2 || return 1
    fi
    echo "$bin"
}

lab_sw() { echo "$LAB_PREFIX-sw"; }
lab_ns() { echo "$LAB_PREFIX-h$1"; }
lab_ipv4() { echo "192.0.2.$((10 + $1))"; }
lab_ipv6() { echo "2001:db8::$((10 + $1))"; }

# lab_exec HOST CMD...: runs CMD inside host HOST's namespace.
lab_exec() { local host=$1; shift; ip netns exec "$(lab_ns "$host")" "$@"; }

# lab_spawn HOST LOGFILE CMD...: starts CMD in the background inside HOST, remembered for lab_destroy.
lab_spawn() {
    local host=$1 log=$2; shift 2
    ip netns exec "$(lab_ns "$host")" "$@" >"$log" 2>&1 &
    LAB_PIDS+=("$!")
    echo "$!"
}

_lab_quiet_ns() {
    # Addresses usable at once (no DAD), no router solicitations wandering off, loopback up.
    local ns=$1
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
        net.ipv6.conf.all.dad_transmits=0 net.ipv6.conf.default.dad_transmits=0
    ip -n "$ns" link set lo up
}

# lab_create N: the switch and N hosts.
lab_create() {
    local n=$1 i sw ns
    sw=$(lab_sw)
    ip netns add "$sw"
    _lab_quiet_ns "$sw"
    ip -n "$sw" link add br0 type bridge stp_state 0 forward_delay 0 mcast_snooping 0
    ip -n "$sw" link set br0 up
    for ((i = 1; i <= n; i++)); do
        ns=$(lab_ns "$i")
        ip netns add "$ns"
        _lab_quiet_ns "$ns"
        # Both ends are born in the switch namespace; eth0 moves to the host. The root namespace never sees them.
        ip -n "$sw" link add "p$i" type veth peer name eth0 netns "$ns"
        ip -n "$sw" link set "p$i" master br0 up
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.eth0.accept_dad=0 net.ipv6.conf.eth0.dad_transmits=0
        ip -n "$ns" addr add "$(lab_ipv4 "$i")/24" dev eth0
        ip -n "$ns" addr add "$(lab_ipv6 "$i")/64" dev eth0 nodad
        ip -n "$ns" link set eth0 up
    done
    LAB_HOSTS=$n
    trap lab_destroy EXIT
    trap 'exit 130' INT TERM
}

# lab_cut HOST: the bridge port stops forwarding (STP state disabled) while both ends stay up: a silent loss.
# (`bridge link set`, not `ip link set ... type bridge_slave state`: iproute2 6.1 accepts the latter and
# silently leaves the port forwarding.)
lab_cut() { bridge -n "$(lab_sw)" link set dev "p$1" state 0; }
lab_restore() { bridge -n "$(lab_sw)" link set dev "p$1" state 3; }
lab_link_down() { ip -n "$(lab_ns "$1")" link set eth0 down; }
lab_link_up() { ip -n "$(lab_ns "$1")" link set eth0 up; }

# lab_has_address HOST ADDR: true when ADDR is configured on HOST's eth0.
lab_has_address() {
    ip -n "$(lab_ns "$1")" -o addr show dev eth0 | awk -v a="$2" '{ split($4, p, "/"); if (p[1] == a) f = 1 } END { exit !f }'
}

# lab_destroy: idempotent and safe as an EXIT trap, also under `set -e` (every step may fail harmlessly).
lab_destroy() {
    local pid ns alive
    for pid in "${LAB_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    # A graceful stop first (a Master sends priority 0, keepalived's parent reaps its VRRP child), for up to 3 s.
    for _ in $(seq 30); do
        alive=0
        for pid in "${LAB_PIDS[@]}"; do if kill -0 "$pid" 2>/dev/null; then alive=1; fi; done
        if ((alive == 0)); then break; fi
        sleep 0.1
    done
    for pid in "${LAB_PIDS[@]}"; do
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    LAB_PIDS=()
    for ns in $(ip netns list | awk -v p="$LAB_PREFIX-" 'index($1, p) == 1 { print $1 }'); do
        # Anything else still living in the namespace (a keepalived child, a capture) goes with it.
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
        ip netns del "$ns" 2>/dev/null || true
    done
    LAB_HOSTS=0
}

# lab_vrrpd_conf CONF DIR NAME: prints the path of a wrapper config that keeps vrrpd's failover reports in DIR
# (its default, /var/lib/vrrpd/events.jsonl, is the machine's) and includes CONF unchanged, so one CONF still
# serves both vrrpd and keepalived.
lab_vrrpd_conf() {
    local conf=$1 dir=$2 name=$3 wrapper
    wrapper="$dir/$name.vrrpd.conf"
    printf 'global_defs {\n    events_file %s\n}\ninclude %s\n' "$dir/$name-events.jsonl" "$(readlink -f "$conf")" >"$wrapper"
    echo "$wrapper"
}
