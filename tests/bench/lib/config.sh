# config.sh: the configuration text both daemons run, in keepalived's grammar (sourced by run.sh).
#
# conf_instances VERSION INTERVAL PRIORITY COUNT [EXTRA]: COUNT instances on eth0, VRID i and VIP vip_address i
# for i in 1..COUNT. VRRPv2 gets `authentication` PASS (keepalived 2.2.7 and vrrpd both speak it). EXTRA is spliced
# into every instance (a track_script or track_gpu block).

# vip_address I: instance I's VIP. 198.51.100.0/24 holds 1..200 for the 200-instance footprint run.
vip_address() { echo "198.51.100.$1"; }

conf_instances() {
    local version=$1 interval=$2 priority=$3 count=$4 extra=${5:-} i auth=""
    if [[ $version == 2 ]]; then
        auth=$'    authentication {\n        auth_type PASS\n        auth_pass bench\n    }\n'
    fi
    for ((i = 1; i <= count; i++)); do
        cat <<CONF
vrrp_instance BENCH_$i {
    state BACKUP
    interface eth0
    virtual_router_id $i
    version $version
    priority $priority
    advert_int $interval
${auth}    virtual_ipaddress {
        $(vip_address "$i")/24
    }
$extra}
CONF
    done
}

# rfc_master_down VERSION INTERVAL PRIORITY: Master_Down_Interval in seconds.
#   RFC 5798 §6.1 (v3): Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256,
#                       Master_Down_Interval = 3 * Master_Adver_Interval + Skew_Time.
#   RFC 3768 §6.1 (v2): Skew_Time = (256 - Priority) / 256 seconds (not scaled by Advertisement_Interval),
#                       Master_Down_Interval = 3 * Advertisement_Interval + Skew_Time.
rfc_master_down() {
    awk -v v="$1" -v i="$2" -v p="$3" 'BEGIN { s = (v == 2) ? (256 - p) / 256 : (256 - p) * i / 256; printf "%.4f", 3 * i + s }'
}

# rfc_skew VERSION INTERVAL PRIORITY: Skew_Time in seconds (the wait after a priority-0 advert, RFC 5798 §6.4.2).
rfc_skew() {
    awk -v v="$1" -v i="$2" -v p="$3" 'BEGIN { printf "%.4f", (v == 2) ? (256 - p) / 256 : (256 - p) * i / 256 }'
}
