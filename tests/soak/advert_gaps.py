#!/usr/bin/env python3
"""advert_gaps.py: missed advert windows, per VRID, from a live capture (the soak's backup side).

    tcpdump -tt -n -l ... 'ip proto 112' | advert_gaps.py watch GAPS_FILE THRESHOLD_S
        Reads tcpdump's text lines as they come; whenever a VRID's next advert (from any sender) comes more than
        THRESHOLD_S after its previous one, appends "VRID FROM_EPOCH TO_EPOCH" to GAPS_FILE at once. On EOF (tcpdump
        stopped) it writes "seen VRID COUNT FIRST LAST" lines so the evaluation knows which VRIDs it ever heard.

    advert_gaps.py count GAPS_FILE FLAPS_FILE --vrids N --end EPOCH --threshold S
        Counts the gaps that fall outside every flap window ("FROM TO" lines in FLAPS_FILE, epoch seconds) plus each
        VRID's silence from its last advert to END; a VRID never heard counts as one window. Prints
        "MISSED TOTAL_GAPS" and, on stderr, the first few missed windows.

A gap is "outside" a flap window when it does not overlap one: the failover while the master's link is down
(Master_Down_Interval, 3.6 x the interval) is the expected gap the windows cover.
"""
import re
import sys

VRID = re.compile(r"vrid (\d+)")


def watch(gaps_path, threshold):
    last, first, count = {}, {}, {}
    with open(gaps_path, "a", buffering=1) as gaps:
        for line in sys.stdin:
            fields = line.split(None, 1)
            match = VRID.search(line)
            if not match or not fields:
                continue
            try:
                t = float(fields[0])
            except ValueError:
                continue
            vrid = int(match.group(1))
            previous = last.get(vrid)
            if previous is not None and t - previous > threshold:
                gaps.write("%d %.6f %.6f\n" % (vrid, previous, t))
            last[vrid] = t
            first.setdefault(vrid, t)
            count[vrid] = count.get(vrid, 0) + 1
        for vrid in sorted(last):
            gaps.write("seen %d %d %.6f %.6f\n" % (vrid, count[vrid], first[vrid], last[vrid]))


def count(gaps_path, flaps_path, vrids, end, threshold):
    flaps = []
    with open(flaps_path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                flaps.append((float(parts[0]), float(parts[1])))
    gaps, last = [], {}
    with open(gaps_path) as f:
        for line in f:
            parts = line.split()
            if parts and parts[0] == "seen":
                last[int(parts[1])] = float(parts[4])
            elif len(parts) == 3:
                gaps.append((int(parts[0]), float(parts[1]), float(parts[2])))
    for vrid in range(1, vrids + 1):
        if vrid not in last:
            gaps.append((vrid, 0.0, end))
        elif end - last[vrid] > threshold:
            gaps.append((vrid, last[vrid], end))

    def in_flap(start, stop):
        return any(start < flap_end and stop > flap_start for flap_start, flap_end in flaps)

    missed = [g for g in gaps if not in_flap(g[1], g[2])]
    for vrid, start, stop in missed[:10]:
        print("missed: VRID %d silent %.3f s from %.6f" % (vrid, stop - start, start), file=sys.stderr)
    print("%d %d" % (len(missed), len(gaps)))


def main(argv):
    if len(argv) == 4 and argv[1] == "watch":
        watch(argv[2], float(argv[3]))
        return 0
    if len(argv) == 10 and argv[1] == "count" and argv[4] == "--vrids" and argv[6] == "--end" and argv[8] == "--threshold":
        count(argv[2], argv[3], int(argv[5]), float(argv[7]), float(argv[9]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
