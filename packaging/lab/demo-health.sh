# demo-health.sh: scenes 2 and 3 of demo.sh (sourced by it; uses its DAEMON, BIN, ROOT, WORK, PODMAN_DIR, VIP,
# SKEW_TIME, MASTER_DOWN, start_daemon, show_host, wait_for_vip, wait_for_no_vip, now, elapsed).
#
#   health_prepare   builds the fake NVML (tests/native/build.sh) into host 1's own folder, starts a private Podman
#                    with the container "lab-app" when podman is there (vrrpd only), and writes host 1's config
#                    ($PRIMARY_CONF) from the template that fits ($PRIMARY_TEMPLATE); sets GPU_SKIP/CONTAINER_SKIP
#                    to the reason a scene cannot run.
#   scene_gpu        Xid 79 on host 1's GPU; prints injection -> VIP on the backup next to Skew_Time.
#   scene_container  restarts host 1's daemon (the Xid latched it in Fault), waits for it to preempt back, kills
#                    the container's main process; prints kill -> VIP on the backup.

GPU_DIR=$WORK/h1-gpu
GPU_SKIP=""
CONTAINER_SKIP=""

health_prepare() {
    PRIMARY_TEMPLATE=$ROOT/conf/lab-primary.conf
    if ! command -v gcc >/dev/null; then
        GPU_SKIP="gcc is not installed: the fake NVML (tests/native) cannot be built"
        CONTAINER_SKIP=$GPU_SKIP
    else
        mkdir -p "$GPU_DIR"
        "$ROOT/tests/native/build.sh" "$WORK/nvml" >/dev/null
        cp "$WORK/nvml/libnvidia-ml.so.1" "$GPU_DIR/"
        echo "count 1" >"$GPU_DIR/fake-state"
        if [[ $DAEMON == keepalived ]]; then
            CONTAINER_SKIP="keepalived has no container tracker (a vrrp_script around podman inspect would be its way)"
            gcc -O2 -o "$WORK/gpu-check" "$ROOT/packaging/lab/gpu-check.c" -ldl
            PRIMARY_TEMPLATE=$ROOT/conf/lab-primary-gpu-script.conf
        elif start_podman; then
            PRIMARY_TEMPLATE=$ROOT/conf/lab-primary-gpu-container.conf
        else
            PRIMARY_TEMPLATE=$ROOT/conf/lab-primary-gpu.conf
        fi
    fi
    # The templates' $NAME=value lines (keepalived.conf(5) parameters) point at a real host's files: point them here.
    PRIMARY_CONF=$WORK/h1.conf
    sed -e "s|^\\\$NVML_LIBRARY=.*|\\\$NVML_LIBRARY=$GPU_DIR/libnvidia-ml.so.1|" \
        -e "s|^\\\$ENGINE_SOCKET=.*|\\\$ENGINE_SOCKET=$PODMAN_DIR/podman.sock|" \
        -e "s|^\\\$GPU_CHECK=.*|\\\$GPU_CHECK=$WORK/gpu-check|" \
        "$PRIMARY_TEMPLATE" >"$PRIMARY_CONF"
}

# start_podman: a private Podman API service and the busybox container lab-app (host network: the daemon only
# talks to the engine's socket). False, with CONTAINER_SKIP set, where podman cannot run.
start_podman() {
    local tool
    for tool in podman runc curl; do
        command -v "$tool" >/dev/null || { CONTAINER_SKIP="$tool is not installed (apt-get install podman runc busybox-static curl)"; return 1; }
    done
    [[ -x /bin/busybox ]] || { CONTAINER_SKIP="/bin/busybox is missing (apt-get install busybox-static)"; return 1; }
    echo "== starting a private Podman (tests/engine/podman-setup.sh) and the container lab-app"
    if ! "$ROOT/tests/engine/podman-setup.sh" start "$PODMAN_DIR" >"$WORK/podman-setup.log" 2>&1; then
        CONTAINER_SKIP="podman-setup.sh failed: $(tail -1 "$WORK/podman-setup.log")"
        return 1
    fi
    "$PODMAN_DIR/podman" run -d --name lab-app --network host localhost/vrrpd-bb:latest sleep 100000 >/dev/null
}

scene_gpu() {
    echo
    if [[ -n $GPU_SKIP ]]; then
        echo "== scene 2 skipped: $GPU_SKIP"
        return 0
    fi
    echo "== scene 2: Xid 79 on host 1's GPU (fake NVML: \"gpu 0 xid 79\" appended to its state file)"
    local inject_at vip_at
    inject_at=$(now)
    if [[ $DAEMON == keepalived ]]; then
        # A script sees no Xid events, only NVML calls failing: after Xid 79 the GPU has fallen off the bus.
        printf 'gpu 0 xid 79\ngpu 0 lost\n' >>"$GPU_DIR/fake-state"
    else
        echo "gpu 0 xid 79" >>"$GPU_DIR/fake-state"
    fi
    vip_at=$(wait_for_vip 2 15)
    wait_for_no_vip 1 5 >/dev/null
    echo
    show_host 1
    echo
    echo "== scene 2: failover after a GPU fault ($DAEMON)"
    printf '   Xid 79 injected -> VIP on the backup       : %s s\n' "$(elapsed "$inject_at" "$vip_at")"
    printf '   RFC 5798 Skew_Time                         : %s s  ((256 - %s) / 256 x %s s: the wait after a priority-0 advert)\n' \
        "$SKEW_TIME" "$BACKUP_PRIORITY" "$ADVERT_INT"
    if [[ $DAEMON == keepalived ]]; then
        echo "   (keepalived: a vrrp_script runs gpu-check every 1 s, fall 1; up to 1 s of polling comes before Skew_Time)"
    else
        echo "   (vrrpd: NVML's Xid event is fatal at once and latches: host 1 stays in Fault until an operator clears it)"
    fi
}

scene_container() {
    echo
    if [[ -n $CONTAINER_SKIP ]]; then
        echo "== scene 3 skipped: $CONTAINER_SKIP"
        return 0
    fi
    echo "== restarting host 1's vrrpd with a healthy GPU: it preempts the VIP back (Master_Down_Interval, then 150 > 100)"
    kill -TERM "$PRIMARY_PID" 2>/dev/null || true
    wait "$PRIMARY_PID" 2>/dev/null || true
    echo "count 1" >"$GPU_DIR/fake-state"
    start_daemon 1 "$PRIMARY_CONF"
    PRIMARY_PID=${LAB_PIDS[-1]}
    wait_for_vip 1 15 >/dev/null
    wait_for_no_vip 2 5 >/dev/null

    echo "== scene 3: host 1's tracked container lab-app crashes (its main process is killed)"
    local pid kill_at vip_at
    pid=$("$PODMAN_DIR/podman" inspect -f '{{.State.Pid}}' lab-app)
    kill_at=$(now)
    kill -KILL "$pid"
    vip_at=$(wait_for_vip 2 15)
    wait_for_no_vip 1 5 >/dev/null
    echo
    show_host 1
    echo
    echo "== scene 3: failover after a container crash ($DAEMON)"
    printf '   container killed -> VIP on the backup      : %s s\n' "$(elapsed "$kill_at" "$vip_at")"
    printf '   RFC 5798 Skew_Time                         : %s s  (Podman reports the death on its event stream first)\n' "$SKEW_TIME"
}
