#!/usr/bin/env python3
"""transitions.py: unexpected state transitions between two `vrrpd status --json` documents of one daemon.

    transitions.py BEFORE_JSON AFTER_JSON --flaps N --per-flap K --state STATE

Each instance must have made exactly N x K transitions between the two documents (stats.transitions) and be in
STATE at the end. Prints "UNEXPECTED INSTANCES_OFF TOTAL_DELTA": the sum over instances of |delta - N x K|, plus
one for each instance in another state; the number of instances that were off; the sum of all deltas. The first
few offenders go to stderr.
"""
import json
import sys


def load(path):
    with open(path) as f:
        return {(i["name"], i["family"]): i for i in json.load(f)["instances"]}


def main(argv):
    if len(argv) != 9 or argv[3] != "--flaps" or argv[5] != "--per-flap" or argv[7] != "--state":
        print(__doc__, file=sys.stderr)
        return 2
    before, after = load(argv[1]), load(argv[2])
    expected = int(argv[4]) * int(argv[6])
    state = argv[8]
    unexpected = off = total = 0
    for key, now in sorted(after.items()):
        delta = now["stats"]["transitions"] - before.get(key, {"stats": {"transitions": 0}})["stats"]["transitions"]
        total += delta
        wrong = abs(delta - expected) + (now["state"] != state)
        if wrong:
            off += 1
            if off <= 5:
                last = now.get("lastTransition") or {}
                print("unexpected: %s: %d transitions (expected %d), state %s (expected %s), last %s -> %s (%s)" % (
                    key[0], delta, expected, now["state"], state, last.get("from"), last.get("to"), last.get("reason")),
                    file=sys.stderr)
        unexpected += wrong
    missing = set(before) - set(after)
    unexpected += len(missing)
    print("%d %d %d" % (unexpected, off + len(missing), total))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
