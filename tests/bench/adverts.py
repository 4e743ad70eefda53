#!/usr/bin/env python3
"""adverts.py: reads VRRP adverts out of a tcpdump capture (classic pcap, Ethernet) and prints one measurement.

    adverts.py loss     PCAP OLD_IP NEW_IP   last advert from OLD (priority > 0) -> first advert from NEW after it
    adverts.py release  PCAP OLD_IP NEW_IP   first advert from OLD with a priority other than its steady one
                                             (priority 0 on a stop, a lower one on a demote) -> first from NEW after it
    adverts.py after    PCAP NEW_IP T0       epoch T0 (an injected fault) -> first advert from NEW after T0
    adverts.py first    PCAP SRC_IP          epoch of the first advert from SRC
    adverts.py dump     PCAP                 every advert: epoch source vrid priority
    adverts.py gaps     PCAP SRC_IP T0 T1 [OTHER_IP]
                                             gaps between consecutive adverts from SRC within epochs [T0, T1]:
                                             prints "MAX_S P99_S MEDIAN_S ADVERTS OTHER_ADVERTS" (OTHER_ADVERTS: adverts
                                             from OTHER_IP in the window, i.e. takeovers by the backup)
    ... --steady-since EPOCH                 count FLAPS only from EPOCH on (after the pair settled)

Prints "FROM TO SECONDS FLAPS" (FLAPS: adverts NEW sent in the steady window before FROM, i.e. a takeover while
the master was alive), or
"FIRST" for `first`; exits 1 with a reason on stderr when the capture lacks the adverts. Parsed here rather than by
tshark so a trial costs no extra second of dissector start-up; the capture keeps the kernel's timestamps.
"""
import struct
import sys

IPPROTO_VRRP = 112


def adverts(path):
    """Yields (epoch, source, vrid, priority) for each VRRP advert (IPv4) in a pcap file."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return
    magic = struct.unpack("<I", data[:4])[0]
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        endian = "<"
    else:
        endian = ">"
        magic = struct.unpack(">I", data[:4])[0]
    fraction = 1e-9 if magic == 0xA1B23C4D else 1e-6
    offset = 24
    while offset + 16 <= len(data):
        sec, frac, caplen, _ = struct.unpack(endian + "IIII", data[offset:offset + 16])
        frame = data[offset + 16:offset + 16 + caplen]
        offset += 16 + caplen
        if len(frame) < 14 + 20 + 8:
            continue  # a record cut short by a capture still being written
        ethertype = struct.unpack(">H", frame[12:14])[0]
        if ethertype != 0x0800:
            continue
        ip = frame[14:]
        header_length = (ip[0] & 0x0F) * 4
        if ip[9] != IPPROTO_VRRP or len(ip) < header_length + 8:
            continue
        source = ".".join(str(b) for b in ip[12:16])
        vrrp = ip[header_length:]
        yield sec + frac * fraction, source, vrrp[1], vrrp[2]


def first_after(rows, source, after):
    return next((t for t, s, _, _ in rows if s == source and t > after), None)


def flaps(rows, source, since, before):
    return sum(1 for t, s, _, _ in rows if s == source and since <= t < before)


def main(argv):
    since = 0.0
    if "--steady-since" in argv:
        i = argv.index("--steady-since")
        since = float(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    mode, path = argv[1], argv[2]
    rows = list(adverts(path))
    if mode == "dump":
        for row in rows:
            print("%.6f %s %d %d" % row)
        return 0
    if mode == "gaps":
        from stats import quantile
        source, t0, t1 = argv[3], float(argv[4]), float(argv[5])
        times = [t for t, s, _, p in rows if s == source and p > 0 and t0 <= t <= t1]
        if len(times) < 2:
            print("fewer than 2 adverts from %s in the window" % source, file=sys.stderr)
            return 1
        gaps = [b - a for a, b in zip(times, times[1:])]
        other = sum(1 for t, s, _, _ in rows if len(argv) > 6 and s == argv[6] and t0 <= t <= t1)
        print("%.6f %.6f %.6f %d %d" % (max(gaps), quantile(gaps, 0.99), quantile(gaps, 0.5), len(times), other))
        return 0
    if mode == "first":
        t = next((t for t, s, _, _ in rows if s == argv[3]), None)
        if t is None:
            print("no advert from %s in the capture" % argv[3], file=sys.stderr)
            return 1
        print("%.6f" % t)
        return 0
    if mode == "after":
        new, start = argv[3], float(argv[4])
    else:
        old, new = argv[3], argv[4]
        from_old = [(t, p) for t, s, _, p in rows if s == old]
        if mode == "loss":
            live = [t for t, p in from_old if p > 0]
            start = live[-1] if live else None
        elif mode == "release":
            steady = from_old[0][1] if from_old else None
            start = next((t for t, p in from_old if p != steady), None)
        else:
            print("unknown mode " + mode, file=sys.stderr)
            return 2
        if start is None:
            print("no %s advert from %s in the capture" % ("live" if mode == "loss" else "releasing", old),
                  file=sys.stderr)
            return 1
    end = first_after(rows, new, start)
    if end is None:
        print("no advert from %s after %.6f in the capture" % (new, start), file=sys.stderr)
        return 1
    print("%.6f %.6f %.6f %d" % (start, end, end - start, flaps(rows, new, since, start)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
