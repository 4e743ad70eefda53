# partition.sh: a VRRP-only partition between the two hosts, then healing (sourced by run.sh; issue 9 item 5).
# A lab of four hosts: h1 master (priority 150) and h2 backup (priority 100), VRRPv3 at advert_int 0.1 s; h3 a client
# with an address in the VIP's subnet pinging the VIP every 10 ms; h4 the witness. Three variants per trial:
#   vrrpd-own    vrrpd with `vrrp_ownership` (lease_ttl 5) against a 3-member etcd (members on h1, h2, h4)
#   vrrpd        vrrpd, the plain configuration
#   keepalived   keepalived, the same plain configuration
# Once the pair has settled, nft on h2 drops every VRRP packet coming in (ip protocol 112) for PARTITION_SECONDS,
# then the rule goes. etcd runs over the same bridge and stays reachable from both hosts throughout. The holders
# are read from `ip -ts monitor address` on h1 and h2, the client's ARP entry from `ip -ts monitor neigh` on h3
# (tests/bench/holders.py):
#   partition SCENARIO VARIANT TRIAL DUAL_S ONE_AFTER_HEAL_S ARP_AFTER_HEAL_S SURVIVOR CHANGES ARP_ELSEWHERE_S
# ARP_ELSEWHERE_S: how long the client's entry named the other host's MAC (its pings went to the wrong host).
# ARP_AFTER_HEAL_S is -1 when the client's entry did not name the survivor within PARTITION_HEAL_MAX seconds.

PARTITION_SECONDS=${PARTITION_SECONDS:-5}
PARTITION_HEAL_MAX=${PARTITION_HEAL_MAX:-40}
PARTITION_VARIANTS=(vrrpd-own vrrpd keepalived)
CLIENT_VIP_ADDRESS=198.51.100.200/24

available_partition() {
    # As root a missing tool fails the scenario loudly (run.sh reports it and exits non-zero), never a silent skip.
    local tool
    for tool in etcd nft curl ping; do
        command -v "$tool" >/dev/null || { echo "FAILED: $tool is not installed (apt-get install etcd-server nftables curl iputils-ping)"; return 1; }
    done
    vrrpd_accepts $'vrrp_ownership etcd {\n    etcd_endpoints http://192.0.2.11:2379\n    lease_ttl 5\n}' ||
        { echo "FAILED: vrrpd check-config refuses vrrp_ownership"; return 1; }
}

host_mac() { ip -n "$(lab_ns "$1")" -o link show dev eth0 | awk '{ for (i = 1; i < NF; i++) if ($i == "link/ether") print $(i + 1) }'; }

client_mac_for_vip() { ip -n "$(lab_ns 3)" neigh show "$VIP" | awk '{ for (i = 1; i < NF; i++) if ($i == "lladdr") print $(i + 1) }'; }

# start_etcd HOST...: one member on each HOST (client port 2379, peer port 2380 on its eth0 address), data in the
# trial's directory; waits until every member answers /health.
start_etcd() {
    local host initial="" endpoints=()
    for host in "$@"; do initial+="${initial:+,}etcd-h$host=http://$(lab_ipv4 "$host"):2380"; done
    for host in "$@"; do
        local ip
        ip=$(lab_ipv4 "$host")
        lab_spawn "$host" "$TRIAL_DIR/etcd-h$host.log" etcd --name "etcd-h$host" --data-dir "$TRIAL_DIR/etcd-h$host" \
            --listen-client-urls "http://$ip:2379" --advertise-client-urls "http://$ip:2379" \
            --listen-peer-urls "http://$ip:2380" --initial-advertise-peer-urls "http://$ip:2380" \
            --initial-cluster "$initial" --initial-cluster-state new --initial-cluster-token "$LAB_PREFIX" \
            --logger zap --log-outputs stderr >/dev/null
        endpoints+=("http://$ip:2379")
    done
    ETCD_ENDPOINTS="${endpoints[*]}"
    for _ in $(seq 300); do
        local healthy=0
        for host in "$@"; do
            lab_exec 1 curl -sf --max-time 1 "http://$(lab_ipv4 "$host"):2379/health" 2>/dev/null | grep -q '"health":"true"' &&
                healthy=$((healthy + 1))
        done
        ((healthy == $#)) && return 0
        sleep 0.1
    done
    echo "etcd did not become healthy" >&2
    return 1
}

# start_ownership SCENARIO VARIANT TRIAL: the 3-member etcd (h1, h2, h4) and, in the caller's `preamble` and `extra`,
# the vrrp_ownership block (lease_ttl 5) and the instance line that names it. On failure the trial is recorded as
# failed and the lab is taken down.
start_ownership() {
    if ! start_etcd 1 2 4; then
        echo "fail $1 $2 $3 etcd_not_healthy" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi
    preamble="vrrp_ownership etcd {
    etcd_endpoints $ETCD_ENDPOINTS
    lease_ttl 5
}"
    extra=$'    ownership etcd\n'
}

partition_trial() {
    local scenario=$1 variant=$2 trial=$3 daemon=vrrpd extra="" preamble=""
    [[ $variant == keepalived ]] && daemon=keepalived
    bench_lab_up 4
    if [[ $variant == vrrpd-own ]]; then
        if ! start_ownership "$scenario" "$variant" "$trial"; then return 1; fi
    fi
    { echo "$preamble"; conf_instances 3 0.1 "$MASTER_PRIORITY" 1 "$extra"; } >"$TRIAL_DIR/h1.conf"
    { echo "$preamble"; conf_instances 3 0.1 "$BACKUP_PRIORITY" 1 "$extra"; } >"$TRIAL_DIR/h2.conf"
    start_daemon "$daemon" 1 "$TRIAL_DIR/h1.conf" >/dev/null
    start_daemon "$daemon" 2 "$TRIAL_DIR/h2.conf" >/dev/null
    if ! wait_vip 1 "$VIP" 20; then
        echo "fail $scenario $variant $trial no_master" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi
    sleep 2   # the backup has yielded; with ownership, h1 holds the lease
    # The client: an address in the VIP's subnet, a ping every 10 ms; its ARP entry for the VIP names h1.
    ip -n "$(lab_ns 3)" addr add "$CLIENT_VIP_ADDRESS" dev eth0
    lab_spawn 3 "$TRIAL_DIR/h3.ping.log" ping -n -q -i 0.01 "$VIP" >/dev/null
    local host initial="" neigh0="" mac1 mac2
    for host in 1 2; do lab_spawn "$host" "$TRIAL_DIR/h$host.addr.mon" ip -ts monitor address >/dev/null; done
    lab_spawn 3 "$TRIAL_DIR/h3.neigh.mon" ip -ts monitor neigh >/dev/null
    sleep 0.5 # the monitors are subscribed; the ping has resolved the VIP
    for host in 1 2; do has_vip "$host" "$VIP" && initial+="${initial:+,}h$host"; done
    neigh0=$(client_mac_for_vip)
    mac1=$(host_mac 1); mac2=$(host_mac 2)
    if [[ $initial != h1 || ${neigh0,,} != "${mac1,,}" ]]; then
        echo "fail $scenario $variant $trial not_settled(holders=${initial:-none},arp=${neigh0:-none})" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi

    # Cut: h2 hears no adverts (its own still go out, etcd's TCP is untouched).
    lab_exec 2 nft 'add table inet bench; add chain inet bench in { type filter hook input priority 0; }; add rule inet bench in ip protocol 112 drop' ||
        { echo "fail $scenario $variant $trial nft" >>"$RESULTS"; bench_lab_down; return 1; }
    sleep "$PARTITION_SECONDS"
    local heal=$EPOCHREALTIME
    lab_exec 2 nft delete table inet bench
    # Wait until h1 alone holds the VIP and the client's entry names h1's MAC, up to PARTITION_HEAL_MAX; then 1 s
    # more so that a late flap would still be seen.
    local deadline
    deadline=$(awk -v h="$heal" -v m="$PARTITION_HEAL_MAX" 'BEGIN { printf "%.0f", h + m }')
    while ((${EPOCHREALTIME%.*} < deadline)); do
        if has_vip 1 "$VIP" && ! has_vip 2 "$VIP" && [[ $(client_mac_for_vip) == "$mac1" ]]; then break; fi
        sleep 0.2
    done
    sleep 1
    local end=$EPOCHREALTIME out
    out=$(python3 "$BENCH_DIR/holders.py" "$VIP" "$heal" "$end" --initial "$initial" \
        --addr "h1=$TRIAL_DIR/h1.addr.mon" --addr "h2=$TRIAL_DIR/h2.addr.mon" \
        --neigh "$TRIAL_DIR/h3.neigh.mon" --neigh-initial "$neigh0" --mac "h1=$mac1" --mac "h2=$mac2") ||
        { echo "fail $scenario $variant $trial analysis" >>"$RESULTS"; bench_lab_down; return 1; }
    local dual one arp survivor changes elsewhere
    read -r dual one arp survivor changes elsewhere <<<"$out"
    echo "partition $scenario $variant $trial $dual $one $arp $survivor $changes $elsewhere" >>"$RESULTS"
    printf '   %-12s %-10s trial %2d: two holders %7.1f ms; heal -> one holder %7.1f ms, -> client ARP on %s %s (%s holder change(s)); client ARP elsewhere %.1f ms\n' \
        "$scenario" "$variant" "$trial" "$(awk -v x="$dual" 'BEGIN { print x * 1000 }')" \
        "$(awk -v x="$one" 'BEGIN { print x * 1000 }')" "$survivor" \
        "$(awk -v x="$arp" 'BEGIN { print (x < 0) ? "not within the window" : sprintf("%.1f ms", x * 1000) }')" "$changes" \
        "$(awk -v x="$elsewhere" 'BEGIN { print x * 1000 }')"
    bench_lab_down
}

# run_partition SCENARIO: TRIALS trials of each variant, the order rotating from trial to trial.
run_partition() {
    local scenario=$1 trial i n=${#PARTITION_VARIANTS[@]}
    for ((trial = 1; trial <= TRIALS; trial++)); do
        for ((i = 0; i < n; i++)); do
            partition_trial "$scenario" "${PARTITION_VARIANTS[$(((i + trial - 1) % n))]}" "$trial" || true
        done
    done
}

# --- Silent loss of the master with ownership on (issue 9 item 5, second half) ----------------------------------
# The same four hosts and etcd; vrrpd with `vrrp_ownership` (lease_ttl 5) only. The master's bridge port stops
# forwarding (lab_cut 1): its adverts and its etcd member vanish together; h2 and the witness keep etcd's quorum.
# The backup may take the VIP only once h1's lease has expired, so the expected failover is at most
# max(Master_Down_Interval, lease_ttl) + 200 ms:
#   ownloss SCENARIO vrrpd-own TRIAL CUT_TO_VIP_S DUAL_S BOUND_S LEADER_CUT
# CUT_TO_VIP_S: the cut -> the VIP local on h2 (vipwait.py, 5 ms polling); DUAL_S: total time both hosts held the VIP
# (from `ip -ts monitor address`; h1 is cut off, so its copy is not seen by anyone, but it is counted); LEADER_CUT: 1
# when etcd's leader was h1's member (the cut forces an election), 0 when not, -1 when it could not be asked.

available_ownloss() { available_partition; }

ownloss_trial() {
    local scenario=$1 trial=$2 bound
    bench_lab_up 4
    local preamble extra
    if ! start_ownership "$scenario" vrrpd-own "$trial"; then return 1; fi
    { echo "$preamble"; conf_instances 3 0.1 "$MASTER_PRIORITY" 1 "$extra"; } >"$TRIAL_DIR/h1.conf"
    { echo "$preamble"; conf_instances 3 0.1 "$BACKUP_PRIORITY" 1 "$extra"; } >"$TRIAL_DIR/h2.conf"
    start_daemon vrrpd 1 "$TRIAL_DIR/h1.conf" >/dev/null
    start_daemon vrrpd 2 "$TRIAL_DIR/h2.conf" >/dev/null
    if ! wait_vip 1 "$VIP" 20; then
        echo "fail $scenario vrrpd-own $trial no_master" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi
    sleep 2
    local host leader_cut
    for host in 1 2; do lab_spawn "$host" "$TRIAL_DIR/h$host.addr.mon" ip -ts monitor address >/dev/null; done
    # Is etcd's leader the member on h1, which the cut takes away? A new leader restarts every lease's TTL, so the
    # old holder's lease then ends a whole TTL after the election (docs/design/ownership.md §11).
    leader_cut=$(lab_exec 1 curl -sf --max-time 2 -X POST -d '{}' "http://$(lab_ipv4 1):2379/v3/maintenance/status" |
        python3 -c 'import json,sys; s=json.load(sys.stdin); print(1 if s["header"]["member_id"] == s["leader"] else 0)' 2>/dev/null) ||
        leader_cut=-1
    sleep 0.5
    local out action_time vip_time
    if ! out=$(python3 "$BENCH_DIR/vipwait.py" "$(lab_ns 2)" "$VIP" 20 -- bridge -n "$(lab_sw)" link set dev p1 state 0); then
        echo "fail $scenario vrrpd-own $trial no_takeover" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi
    read -r action_time _ vip_time <<<"$out"
    sleep 1
    local end=$EPOCHREALTIME dual
    # The monitors' logs, read with a dummy neighbour file: only DUAL_S is used here.
    : >"$TRIAL_DIR/none.neigh"
    dual=$(python3 "$BENCH_DIR/holders.py" "$VIP" "$action_time" "$end" --initial h1 \
        --addr "h1=$TRIAL_DIR/h1.addr.mon" --addr "h2=$TRIAL_DIR/h2.addr.mon" --neigh "$TRIAL_DIR/none.neigh" | cut -d' ' -f1)
    bound=$(awk -v m="$(rfc_master_down 3 0.1 "$BACKUP_PRIORITY")" 'BEGIN { printf "%.4f", ((m > 5) ? m : 5) + 0.2 }')
    echo "ownloss $scenario vrrpd-own $trial $vip_time ${dual:--1} $bound $leader_cut" >>"$RESULTS"
    printf '   %-14s vrrpd-own  trial %2d: cut -> VIP on h2 %8.1f ms (bound %.0f ms), two holders %.1f ms%s\n' "$scenario" \
        "$trial" "$(awk -v x="$vip_time" 'BEGIN { print x * 1000 }')" "$(awk -v x="$bound" 'BEGIN { print x * 1000 }')" \
        "$(awk -v x="${dual:--1}" 'BEGIN { print x * 1000 }')" "$( ((leader_cut == 1)) && echo "; etcd's leader was on the cut host")"
    bench_lab_down
}

run_ownloss() {
    local scenario=$1 trial
    for ((trial = 1; trial <= TRIALS; trial++)); do ownloss_trial "$scenario" "$trial" || true; done
}

# --- GPU fault with ownership on (issue 9, "Done when": Xid 79 still moves the VIP in <= Skew_Time + 50 ms) -------
# The same four hosts; the master tracks the fake NVML as in the gpu scenarios (health.sh: setup_gpu), both hosts
# run vrrpd, once with `vrrp_ownership` (3-member etcd on h1, h2, h4; lease_ttl 5) and once without, alternating.
# The fault makes the master send priority 0, remove its VIP and only then release the key; the backup acquires the
# key when its Skew_Time has passed. Measured: fault -> VIP local on h2 (5 ms polling), and the time both held it:
#   owngpu SCENARIO VARIANT TRIAL FAULT_TO_VIP_S DUAL_S LIMIT_S      (LIMIT_S: Skew_Time + 50 ms)

OWNGPU_VARIANTS=(vrrpd-own vrrpd)

available_owngpu() { available_partition && available_gpu; }

owngpu_trial() {
    local scenario=$1 variant=$2 trial=$3 preamble="" extra=""
    local global_conf="" extra1="" fault_action=()
    bench_lab_up 4
    if [[ $variant == vrrpd-own ]]; then
        if ! start_ownership "$scenario" "$variant" "$trial"; then return 1; fi
    fi
    if ! setup_gpu vrrpd; then
        echo "fail $scenario $variant $trial setup_failed" >>"$RESULTS"
        bench_lab_down; return 1
    fi
    { echo "$preamble"; echo "$global_conf"; conf_instances 3 0.1 "$MASTER_PRIORITY" 1 "$extra$extra1"; } >"$TRIAL_DIR/h1.conf"
    { echo "$preamble"; conf_instances 3 0.1 "$BACKUP_PRIORITY" 1 "$extra"; } >"$TRIAL_DIR/h2.conf"
    start_daemon vrrpd 1 "$TRIAL_DIR/h1.conf" >/dev/null
    start_daemon vrrpd 2 "$TRIAL_DIR/h2.conf" >/dev/null
    if ! wait_vip 1 "$VIP" 20; then
        echo "fail $scenario $variant $trial no_master" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi
    sleep 2   # the backup has yielded; with ownership, h1 holds the lease and h2 has its own
    local host
    for host in 1 2; do lab_spawn "$host" "$TRIAL_DIR/h$host.addr.mon" ip -ts monitor address >/dev/null; done
    sleep 0.5
    local out action_time vip_time
    if ! out=$(python3 "$BENCH_DIR/vipwait.py" "$(lab_ns 2)" "$VIP" 20 -- "${fault_action[@]}"); then
        echo "fail $scenario $variant $trial no_takeover" >>"$RESULTS"
        trial_log_tail; bench_lab_down; return 1
    fi
    read -r action_time _ vip_time <<<"$out"
    sleep 1
    local end=$EPOCHREALTIME dual limit
    : >"$TRIAL_DIR/none.neigh"
    dual=$(python3 "$BENCH_DIR/holders.py" "$VIP" "$action_time" "$end" --initial h1 \
        --addr "h1=$TRIAL_DIR/h1.addr.mon" --addr "h2=$TRIAL_DIR/h2.addr.mon" --neigh "$TRIAL_DIR/none.neigh" | cut -d' ' -f1)
    limit=$(awk -v s="$(rfc_skew 3 0.1 "$BACKUP_PRIORITY")" 'BEGIN { printf "%.4f", s + 0.05 }')
    echo "owngpu $scenario $variant $trial $vip_time ${dual:--1} $limit" >>"$RESULTS"
    printf '   %-14s %-10s trial %2d: fault -> VIP on h2 %7.1f ms (limit %.0f ms), two holders %.1f ms\n' "$scenario" \
        "$variant" "$trial" "$(awk -v x="$vip_time" 'BEGIN { print x * 1000 }')" "$(awk -v x="$limit" 'BEGIN { print x * 1000 }')" \
        "$(awk -v x="${dual:--1}" 'BEGIN { print x * 1000 }')"
    bench_lab_down
}

run_owngpu() {
    local scenario=$1 trial i n=${#OWNGPU_VARIANTS[@]}
    for ((trial = 1; trial <= TRIALS; trial++)); do
        for ((i = 0; i < n; i++)); do
            owngpu_trial "$scenario" "${OWNGPU_VARIANTS[$(((i + trial - 1) % n))]}" "$trial" || true
        done
    done
}
