# health.sh: the scenarios that wait on features not every vrrpd build has: `vrrpd demote`, the built-in GPU
# tracker and the built-in container tracker (sourced by run.sh). Each has
#   available_KIND   true when this vrrpd build (and the machine) can run it; else prints why, one line
#   setup_KIND DAEMON   called inside failover_trial: fills global_conf, extra1, env1 and demote_action /
#                       fault_action for the master (host 1)
# Availability is probed, never assumed, so a scenario starts running as soon as the feature lands.

# vrrpd_accepts CONFIG_TEXT: true when `vrrpd check-config` accepts the text.
vrrpd_accepts() {
    local f="$WORK/probe.conf"
    printf '%s\n' "$1" >"$f"
    "$VRRPD" check-config -f "$f" >/dev/null 2>&1
}

# --- vrrpd demote vs keepalived's vrrp_track_file (its own admin-demote idiom) ---------------------------------

available_demote() {
    # System.CommandLine answers an unknown subcommand's --help with the root help (exit 0): look for its usage line.
    "$VRRPD" demote --help 2>&1 | grep -q "vrrpd demote" || { echo "not implemented (vrrpd demote)"; return 1; }
}

setup_demote() {
    if [[ $1 == vrrpd ]]; then
        demote_action=("$VRRPD" demote --all --control-socket "$TRIAL_DIR/h1.sock")
    else
        echo 0 >"$TRIAL_DIR/h1.demote"
        global_conf="vrrp_track_file bench_demote {
    file $TRIAL_DIR/h1.demote
    weight 1
}"
        extra1=$'    track_file {\n        bench_demote\n    }\n'
        # Priority 150 + (-100 x weight 1) = 50, under the backup's 100.
        demote_action=(sh -c "echo -100 >'$TRIAL_DIR/h1.demote'")
    fi
}

# --- GPU fault: vrrpd's NVML tracker vs keepalived's vrrp_script running gpu-probe at interval 1 / fall 1 ------
# Each trial's master gets its own copy of the fake NVML ($TRIAL_DIR/gpu/libnvidia-ml.so.1) with its state file
# beside it ($TRIAL_DIR/gpu/fake-state, where the fake looks when VRRPD_FAKE_NVML_STATE is unset). vrrpd is pointed
# at the copy by `global_defs { nvml_library PATH }`; gpu-probe dlopen()s the same PATH and names the same state file.

available_gpu() {
    local fake="$ROOT/tests/native/build.sh"
    vrrpd_accepts $'global_defs {\n    nvml_library /nonexistent/libnvidia-ml.so.1\n}\nvrrp_track_gpu bench_gpu {\n    devices all\n    xid_events on\n}' ||
        { echo "not implemented (vrrpd check-config refuses nvml_library or vrrp_track_gpu)"; return 1; }
    [[ -f $fake ]] || { echo "no fake NVML ($fake missing)"; return 1; }
    command -v gcc >/dev/null || { echo "gcc is not installed (the fake NVML and gpu-probe are C)"; return 1; }
    if [[ ! -f $WORK/nvml/libnvidia-ml.so.1 ]]; then
        sh "$fake" "$WORK/nvml" >/dev/null 2>&1 || { echo "the fake NVML does not build"; return 1; }
    fi
    if [[ ! -x $WORK/gpu-probe ]]; then
        gcc -O2 -o "$WORK/gpu-probe" "$BENCH_DIR/gpu-probe.c" -ldl 2>/dev/null || { echo "gpu-probe does not build"; return 1; }
    fi
}

setup_gpu() {
    local gpu="$TRIAL_DIR/gpu"
    mkdir -p "$gpu"
    cp "$WORK/nvml/libnvidia-ml.so.1" "$gpu/"
    echo "count 1" >"$gpu/fake-state"
    if [[ $1 == vrrpd ]]; then
        # xid_events on: NVML's event set delivers the Xid as it happens (the fake polls its state file every
        # 10 ms); interval 1 / fall 1 is the polling half, the same cadence keepalived's script gets.
        global_conf="global_defs {
    nvml_library $gpu/libnvidia-ml.so.1
}
vrrp_track_gpu bench_gpu {
    devices all
    interval 1
    fall 1
    rise 1
    xid_events on
}"
        extra1=$'    track_gpu {\n        bench_gpu\n    }\n'
    else
        global_conf="vrrp_script bench_gpu {
    script \"$WORK/gpu-probe $gpu/libnvidia-ml.so.1 $gpu/fake-state\"
    interval 1
    timeout 1
    fall 1
    rise 1
}"
        extra1=$'    track_script {\n        bench_gpu\n    }\n'
    fi
    # Xid 79 (fallen off the bus): the event for vrrpd's event set, and the lost GPU that every later NVML call
    # reports (all a polling script can see). The same two lines for both daemons.
    fault_action=(sh -c "printf 'gpu 0 xid 79\ngpu 0 lost\n' >>'$gpu/fake-state'")
}

# --- container death: vrrpd's engine-API tracker vs keepalived's vrrp_script asking the same API with curl ------

available_container() {
    local setup="$ROOT/tests/engine/podman-setup.sh"
    vrrpd_accepts $'vrrp_track_container bench_svc {\n    container bench\n}' ||
        { echo "not implemented (vrrpd check-config refuses vrrp_track_container)"; return 1; }
    [[ -f $setup ]] || { echo "no private Podman ($setup missing)"; return 1; }
    if [[ ! -S $WORK/podman/podman.sock ]]; then
        bash "$setup" start "$WORK/podman" >"$WORK/podman-setup.log" 2>&1 ||
            { echo "private Podman does not start (see podman-setup.sh start)"; return 1; }
    fi
}

# stop_container_engine: removes the run's private Podman (its containers, service and storage) if one was started.
# It goes by the directory, not a flag: available_container runs in a command substitution's subshell.
stop_container_engine() {
    [[ -d $WORK/podman ]] || return 0
    bash "$ROOT/tests/engine/podman-setup.sh" stop "$WORK/podman" >/dev/null 2>&1 || true
}

setup_container() {
    local name="bench-svc-$BENCH_SEQ" sock="$WORK/podman/podman.sock"
    "$WORK/podman/podman" run -d --network host --name "$name" localhost/vrrpd-bb:latest sleep 100000 >/dev/null || return 1
    if [[ $1 == vrrpd ]]; then
        global_conf="vrrp_track_container bench_svc {
    engine $sock
    container $name
    require running
    interval 1
    fall 1
    rise 1
}"
        extra1=$'    track_container {\n        bench_svc\n    }\n'
    else
        printf '#!/bin/sh\ncurl -sf --max-time 1 --unix-socket %s http://d/containers/%s/json | grep -q %s\n' \
            "$sock" "$name" "'\"Running\":true'" >"$TRIAL_DIR/container-check.sh"
        chmod +x "$TRIAL_DIR/container-check.sh"
        global_conf="vrrp_script bench_svc {
    script \"$TRIAL_DIR/container-check.sh\"
    interval 1
    timeout 1
    fall 1
    rise 1
}"
        extra1=$'    track_script {\n        bench_svc\n    }\n'
    fi
    # The container's main process is SIGKILLed directly: the fault's instant is the kill, not `podman kill`'s own
    # few hundred ms of start-up. Podman notices the exit through conmon; both daemons learn it from the engine.
    local pid
    pid=$("$WORK/podman/podman" inspect -f '{{.State.Pid}}' "$name") && [[ $pid =~ ^[1-9][0-9]*$ ]] || return 1
    fault_action=(kill -KILL "$pid")
}
