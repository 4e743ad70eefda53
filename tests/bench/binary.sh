#!/usr/bin/env bash
# binary.sh: what one build of vrrpd costs on this machine, for docs/dependencies.md.
#
#   sudo tests/bench/binary.sh [VRRPD] [RUNS]     # default artifacts/vrrpd, 20 runs
#
# Prints the binary's size, the wall time of `vrrpd --version` and `vrrpd check-config -f vrrpd.conf.example`
# (hyperfine when it is installed, else a date +%s%N loop: mean and min over RUNS, after 3 warm-up runs), and the
# idle RSS of `vrrpd run` with one instance on eth0 (a veth whose peer stays in the same throwaway namespace, vb-PID:
# this kernel has no dummy links), read from /proc/PID/status 5 s after the start (alone on the link, it is Master
# by then: Master_Down_Interval is 3.6 s). An EXIT trap stops the daemon and removes the namespace, also on failure
# or Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=$(realpath "${1:-artifacts/vrrpd}")
runs=${2:-20}
ns="vb-$$"
work=$(mktemp -d)
daemon=""

cleanup() {
    if [[ -n $daemon ]]; then kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; fi
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "binary: $bin, $(stat -c %s "$bin") bytes, $("$bin" --version)"

# wall NAME COMMAND...: mean and min wall time in ms.
wall() {
    local name=$1; shift
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h.json" "$*" >/dev/null 2>&1
        python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{sys.argv[2]}: mean {r['mean']*1e3:.2f} ms, min {r['min']*1e3:.2f} ms (hyperfine, {len(r['times'])} runs)\")" "$work/h.json" "$name"
    else
        local i start total=0 min=""
        for i in 1 2 3; do "$@" >/dev/null 2>&1 || true; done
        for ((i = 0; i < runs; i++)); do
            start=$(date +%s%N); "$@" >/dev/null 2>&1 || true; start=$(($(date +%s%N) - start))
            total=$((total + start)); if [[ -z $min || $start -lt $min ]]; then min=$start; fi
        done
        awk -v n="$name" -v t="$total" -v r="$runs" -v m="$min" 'BEGIN { printf "%s: mean %.2f ms, min %.2f ms (date loop, %d runs)\n", n, t / r / 1e6, m / 1e6, r }'
    fi
}
wall "--version" "$bin" --version
wall "check-config" "$bin" check-config -f vrrpd.conf.example

ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add eth0 type veth peer name eth1
ip -n "$ns" link set eth1 up
ip -n "$ns" addr add 192.0.2.1/24 dev eth0
ip -n "$ns" link set eth0 up
cat >"$work/vrrpd.conf" <<'CONF'
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
}
CONF
ip netns exec "$ns" "$bin" run -f "$work/vrrpd.conf" --control-socket "$work/vrrpd.sock" --pid-file "$work/vrrpd.pid" \
    >"$work/log" 2>&1 &
daemon=$!
sleep 5
if ! kill -0 "$daemon" 2>/dev/null; then echo "vrrpd run exited:"; cat "$work/log"; exit 1; fi
echo "idle: VmRSS $(awk '$1 == "VmRSS:" { print $2 }' "/proc/$daemon/status") KiB," \
    "threads $(awk '$1 == "Threads:" { print $2 }' "/proc/$daemon/status")"
