#!/usr/bin/env python3
"""vipwait.py: runs an action (a bridge-port cut, a SIGTERM, a fault injection) and times until a VIP is local.

    vipwait.py NETNS VIP TIMEOUT_S -- CMD...
    vipwait.py NETNS VIP TIMEOUT_S --          no action: waits until VIP is local (it may already be)

Joins network namespace NETNS (/run/netns/NETNS) once, notes the wall clock, runs CMD, then every 5 ms tries to
bind a UDP socket to VIP: bind() succeeds exactly when the address is configured in that namespace, so a poll is
one system call instead of an `ip addr` fork. Prints "ACTION_EPOCH VIP_EPOCH SECONDS"; exits 1 on timeout.
The action's time is taken just before CMD starts, so the figure includes CMD's own start-up (a few ms).
"""
import ctypes
import os
import socket
import subprocess
import sys
import time

CLONE_NEWNET = 0x40000000
POLL_S = 0.005


def enter_netns(name):
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open("/run/netns/" + name, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns(%s)" % name)
    finally:
        os.close(fd)


def is_local(vip):
    family = socket.AF_INET6 if ":" in vip else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        try:
            s.bind((vip, 0))
            return True
        except OSError:
            return False


def main(argv):
    netns, vip, timeout = argv[1], argv[2], float(argv[3])
    command = argv[argv.index("--") + 1:]
    enter_netns(netns)
    if command and is_local(vip):
        print("VIP %s is already local in %s before the action" % (vip, netns), file=sys.stderr)
        return 1
    started = time.time()
    if command:
        # The action's own output goes to stderr: stdout is this script's one result line.
        subprocess.run(command, check=True, stdout=sys.stderr)
    deadline = started + timeout
    while not is_local(vip):
        if time.time() > deadline:
            print("VIP %s not local in %s within %.1f s" % (vip, netns, timeout), file=sys.stderr)
            return 1
        time.sleep(POLL_S)
    seen = time.time()
    print("%.6f %.6f %.6f" % (started, seen, seen - started))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
