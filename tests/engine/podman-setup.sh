#!/usr/bin/env bash
# A private, throw-away Podman for the container-tracker tests (docs/design/container-health.md §7): its own storage root, runroot,
# tmpdir, containers.conf and API socket under one scratch directory, so it never touches another user's Podman
# on the machine. Installs nothing: expects podman, runc, busybox-static (/bin/busybox), curl, and root.
#
#   podman-setup.sh start DIR   creates DIR/podman (a wrapper with the private flags), imports the image
#                               localhost/vrrpd-bb:latest from busybox-static (no registry needed), starts
#                               `podman system service --time=0` on unix://DIR/podman.sock, waits for /_ping.
#   podman-setup.sh stop DIR    removes every container, stops the service (by its PID), deletes DIR.
#
# Containers must use `--network host` (no CNI bridge, no iptables rules in the root namespace) and bind
# 127.0.0.1 only. Without systemd Podman never schedules health checks: run `DIR/podman healthcheck run NAME`.
set -euo pipefail

command_name=${1:-}
dir=${2:-}
[ -n "$command_name" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

start() {
  command -v podman >/dev/null || { echo "podman is not installed (apt-get install podman runc busybox-static)" >&2; exit 3; }
  command -v runc >/dev/null || { echo "runc is not installed (crun fails on hybrid cgroups)" >&2; exit 3; }
  [ -x /bin/busybox ] || { echo "/bin/busybox missing (apt-get install busybox-static)" >&2; exit 3; }
  [ "$(id -u)" -eq 0 ] || { echo "needs root" >&2; exit 3; }

  mkdir -p "$dir"/{root,runroot,tmp,rootfs/bin,rootfs/www/cgi-bin}
  dir=$(cd "$dir" && pwd)

  # runc: the default crun fails with "cgroups in hybrid mode not supported"; lower ulimits: the defaults
  # (1048576) exceed a sandbox's hard limits; cgroupfs + file events: there is no systemd.
  cat > "$dir/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$dir/events.log"
CONF

  cat > "$dir/podman" <<WRAP
#!/bin/sh
export CONTAINERS_CONF="$dir/containers.conf"
exec podman --root "$dir/root" --runroot "$dir/runroot" --tmpdir "$dir/tmp" --storage-driver vfs "\$@"
WRAP
  chmod +x "$dir/podman"

  # The image: static busybox plus its applet links, a static page and a CGI whose answer the tests switch.
  cp /bin/busybox "$dir/rootfs/bin/"
  for applet in $("$dir/rootfs/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$dir/rootfs/bin/$applet"
  done
  echo ok > "$dir/rootfs/www/health"
  # /cgi-bin/status answers with the code in /www/status-code (200 until a test writes another).
  cat > "$dir/rootfs/www/cgi-bin/status" <<'CGI'
#!/bin/sh
code=$(cat /www/status-code 2>/dev/null || echo 200)
printf 'HTTP/1.0 %s Status\r\nContent-Type: text/plain\r\n\r\n%s\n' "$code" "$code"
CGI
  chmod +x "$dir/rootfs/www/cgi-bin/status"
  tar -C "$dir/rootfs" -cf "$dir/rootfs.tar" .
  "$dir/podman" import --change 'CMD ["/bin/sh"]' "$dir/rootfs.tar" localhost/vrrpd-bb:latest >"$dir/import.log" 2>&1 || { cat "$dir/import.log" >&2; exit 4; }

  "$dir/podman" system service --time=0 "unix://$dir/podman.sock" >"$dir/service.log" 2>&1 &
  echo $! > "$dir/service.pid"
  for _ in $(seq 1 100); do
    if [ -S "$dir/podman.sock" ] && curl -sf --unix-socket "$dir/podman.sock" http://d/_ping >/dev/null 2>&1; then
      echo "$dir/podman.sock"
      return 0
    fi
    sleep 0.1
  done
  echo "podman system service did not answer /_ping within 10 s:" >&2
  cat "$dir/service.log" >&2
  exit 4
}

stop() {
  [ -d "$dir" ] || return 0
  if [ -x "$dir/podman" ]; then
    "$dir/podman" rm -a -f -t 0 >/dev/null 2>&1 || true
  fi
  if [ -f "$dir/service.pid" ]; then
    pid=$(cat "$dir/service.pid")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
}

case "$command_name" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
