#!/usr/bin/env python3
"""holders.py: who held a VIP, and which MAC a client's ARP entry named, from `ip -ts monitor` logs.

    holders.py VIP HEAL_EPOCH END_EPOCH --initial h1 --addr h1=FILE --addr h2=FILE
               --neigh FILE --neigh-initial MAC --mac h1=MAC --mac h2=MAC

FILEs from --addr are `ip -ts monitor address` of each host, --neigh is `ip -ts monitor neigh` in the client's
namespace (its entry for VIP); --initial is the host(s) holding VIP when the monitors started (comma separated),
--neigh-initial the MAC the client's entry named then. Prints one line:

    DUAL_S ONE_AFTER_HEAL_S ARP_AFTER_HEAL_S SURVIVOR CHANGES ARP_ELSEWHERE_S

DUAL_S: total time with two or more holders over the whole watch (up to END). ONE_AFTER_HEAL_S: HEAL -> the moment
from which exactly one host holds VIP until END (0 when that was already so at HEAL). ARP_AFTER_HEAL_S: HEAL -> the
moment from which the client's entry names the SURVIVOR's MAC until END (0 when it already did; -1 when it does
not at END). ARP_ELSEWHERE_S: total time (whole watch) the client's entry named another MAC than the
SURVIVOR's, i.e. the client's packets went to the other host. SURVIVOR: the sole holder at END (or "none"/"h1,h2"). CHANGES: holder changes. Timestamps are the
kernel events' wall clock as `ip -ts` prints them (local time, microseconds), the same clock as the epochs.
"""
import argparse
import sys
from datetime import datetime


def events(path, vip):
    """(epoch, text) of each event line naming VIP."""
    out = []
    with open(path, errors="replace") as f:
        for line in f:
            if not line.startswith("[") or "]" not in line:
                continue
            stamp, rest = line[1:line.index("]")], line[line.index("]") + 1:]
            if " %s/" % vip not in rest and not rest.lstrip().startswith(vip + " "):
                continue
            out.append((datetime.fromisoformat(stamp).timestamp(), rest.strip()))
    return out


def pairs(values):
    return dict(v.split("=", 1) for v in values)


def main(argv):
    p = argparse.ArgumentParser()
    p.add_argument("vip")
    p.add_argument("heal", type=float)
    p.add_argument("end", type=float)
    p.add_argument("--initial", default="")
    p.add_argument("--addr", action="append", default=[])
    p.add_argument("--neigh", required=True)
    p.add_argument("--neigh-initial", default="")
    p.add_argument("--mac", action="append", default=[])
    a = p.parse_args(argv[1:])

    changes = []
    for host, path in pairs(a.addr).items():
        for t, text in events(path, a.vip):
            changes.append((t, host, not text.startswith("Deleted")))
    changes.sort()
    holders = set(h for h in a.initial.split(",") if h)
    timeline = [(0.0, frozenset(holders))]
    for t, host, added in changes:
        before = set(holders)
        (holders.add if added else holders.discard)(host)
        if holders != before:
            timeline.append((t, frozenset(holders)))

    dual = 0.0
    for i, (t, hs) in enumerate(timeline):
        if len(hs) >= 2:
            end = timeline[i + 1][0] if i + 1 < len(timeline) else a.end
            dual += max(0.0, end - t)
    final = timeline[-1][1]
    survivor = ",".join(sorted(final)) if final else "none"

    # The last change to the holder count; if the count is 1 from before HEAL on, the answer is 0.
    one = -1.0
    if len(final) == 1:
        since = 0.0
        for t, hs in timeline:
            if len(hs) != 1:
                since = None
            elif since is None:
                since = t
        one = max(0.0, since - a.heal) if since is not None else -1.0

    macs = {h: m.lower() for h, m in pairs(a.mac).items()}
    arp, elsewhere = -1.0, 0.0
    if len(final) == 1:
        want = macs.get(next(iter(final)), "?")
        lladdr = a.neigh_initial.lower()
        since = 0.0 if lladdr == want else None
        wrong_since = None if lladdr == want else float("-inf")
        for t, text in events(a.neigh, a.vip):
            words = text.split()
            if text.startswith("Deleted") or "lladdr" not in words:
                continue  # an entry going away, or one being resolved (INCOMPLETE/FAILED): the last MAC still counts
            lladdr = words[words.index("lladdr") + 1].lower()
            if lladdr == want:
                since = t if since is None else since
                if wrong_since is not None:
                    elsewhere += t - wrong_since if wrong_since != float("-inf") else 0.0
                    wrong_since = None
            else:
                since = None
                wrong_since = t if wrong_since is None else wrong_since
        if wrong_since is not None:
            elsewhere = -1.0 if wrong_since == float("-inf") else elsewhere + a.end - wrong_since
        arp = max(0.0, since - a.heal) if since is not None else -1.0

    print("%.6f %.6f %.6f %s %d %.6f" % (dual, one, arp, survivor, len(timeline) - 1, elsewhere))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
