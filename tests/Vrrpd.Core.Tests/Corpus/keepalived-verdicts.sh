#!/bin/bash
# Prints what `keepalived -t` (config test only: nothing is started) says about corpus files, as the manifest's
# "keepalived" column was made (docs/keepalived-corpus.md). Runs in a throwaway network namespace holding a veth
# for every interface the files name, so a missing eth1 on this machine does not count against a file.
# Needs root and keepalived. Usage: keepalived-verdicts.sh [FILE.conf ...]   (default: every corpus file)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
manifest="$here/manifest.tsv"
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$here"/keepalived/*.conf)

ns="vrrpd-corpus-$$"
ip netns add "$ns"
trap 'ip netns del "$ns"' EXIT
ip -n "$ns" link set lo up
n=0
for name in $(sed -E 's/[#!].*//' "${files[@]}" \
        | grep -oE '\b(interface|dev|default_interface|lvs_sync_daemon_interface)[[:space:]]+[A-Za-z0-9_.@-]+' \
        | awk '{print $2}' | sort -u); do
    n=$((n + 1))
    ip -n "$ns" link add "$name" type veth peer name "corpus$n" 2>/dev/null || continue
    ip -n "$ns" link set "$name" up
done

for file in "${files[@]}"; do
    base=$(basename "$file")
    id=$(awk -F'\t' -v f="$base" '$1 == f { print $6 }' "$manifest")
    args=()
    [ -n "$id" ] && [ "$id" != "-" ] && args=(-i "$id")
    echo "== $base${args[*]:+ (${args[*]})}"
    rc=0
    ip netns exec "$ns" keepalived -t -l "${args[@]}" -f "$file" 2>&1 | sed -E 's/^\([^)]*\) *//' || rc=$?
    echo "-- exit $rc"
done
