#!/usr/bin/env python3
"""report.py: turns run.sh's results file into docs/benchmarks.md and the failover SVG.

    report.py RESULTS OUT_MD OUT_SVG --date D --machine M --load L --vrrpd V --keepalived K --trials N
              --footprint-seconds S --runtime SECONDS --command C [--note TEXT] [--notes-file notes.md]

RESULTS lines (space separated, written by tests/bench/lib/*.sh):
    scenario ID GROUP KIND LIMIT_S|- LIMIT_NAME|- TITLE...
    skip ID REASON...
    failover ID DAEMON TRIAL CAPTURE_S ACTION_TO_VIP_S EARLY_TAKEOVER_ADVERTS
    fail ID DAEMON TRIAL REASON
    footprint ID DAEMON ROLE RSS_KIB CPU_S WINDOW_S PROCESSES THREADS
    startup startup DAEMON TRIAL SECONDS
    contention ID DAEMON TRIAL MAX_GAP_S P99_GAP_S MEDIAN_GAP_S ADVERTS BACKUP_ADVERTS WINDOW_S
    partition ID VARIANT TRIAL DUAL_S ONE_AFTER_HEAL_S ARP_AFTER_HEAL_S SURVIVOR CHANGES ARP_ELSEWHERE_S
    ownloss ID VARIANT TRIAL CUT_TO_VIP_S DUAL_S BOUND_S
"""
import argparse
import os
from collections import OrderedDict, defaultdict

from stats import median, summary
import svgplot

DAEMONS = ("vrrpd", "keepalived")
GROUPS = OrderedDict([
    ("loss", ("Silent master loss",
              "last advert from the old master → first advert from the new one, on the backup's capture",
              "cut → VIP on the backup")),
    ("handover", ("Graceful handover",
                  "the master's releasing advert (priority 0, or its lowered priority) → first advert from the backup",
                  "SIGTERM / demote → VIP on the backup")),
    ("health", ("Health-triggered failover",
                "fault injected on the master (at a random 0–1 s phase against the 1 s check cadence) → first advert "
                "from the backup; the RFC column is the floor after detection, the backup's Skew_Time",
                "fault → VIP on the backup")),
])
MARGIN_S = 0.050  # issue 5: vrrpd at or under the RFC limit + 50 ms for silent loss


class Scenario:
    def __init__(self, fields):
        self.id, self.group, self.kind = fields[1], fields[2], fields[3]
        self.limit = None if fields[4] == "-" else float(fields[4])
        self.limit_name = None if fields[5] == "-" else fields[5]
        self.title = " ".join(fields[6:])
        self.skipped = None
        self.capture = defaultdict(list)
        self.vip = defaultdict(list)
        self.early = defaultdict(int)
        self.failures = defaultdict(list)
        self.footprint = []
        self.startup = defaultdict(list)
        self.contention = defaultdict(list)
        self.partition = defaultdict(list)
        self.ownloss = []
        self.owngpu = defaultdict(list)
        self.alloc = defaultdict(list)


def load(path):
    scenarios = OrderedDict()
    with open(path) as f:
        for line in f:
            fields = line.split()
            if not fields:
                continue
            kind = fields[0]
            if kind == "scenario":
                scenarios[fields[1]] = Scenario(fields)
                continue
            s = scenarios.get(fields[1])
            if s is None:
                continue
            if kind == "skip":
                s.skipped = " ".join(fields[2:])
            elif kind == "failover":
                s.capture[fields[2]].append(float(fields[4]))
                s.vip[fields[2]].append(float(fields[5]))
                s.early[fields[2]] += int(fields[6]) > 0
            elif kind == "fail":
                s.failures[fields[2]].append("trial %s: %s" % (fields[3], " ".join(fields[4:])))
            elif kind == "footprint":
                s.footprint.append((fields[2], fields[3], int(fields[4]), float(fields[5]), float(fields[6]), int(fields[7]),
                                    int(fields[8])))
            elif kind == "startup":
                s.startup[fields[2]].append(float(fields[4]))
            elif kind == "contention":
                s.contention[fields[2]].append(tuple(float(x) for x in fields[4:10]))
            elif kind == "alloc":
                s.alloc[fields[2]].append((float(fields[4]), int(fields[5]), float(fields[6])))
            elif kind == "owngpu":
                s.owngpu[fields[2]].append((float(fields[4]), float(fields[5]), float(fields[6])))
            elif kind == "ownloss":
                s.ownloss.append((float(fields[4]), float(fields[5]), float(fields[6]),
                                  int(fields[7]) if len(fields) > 7 else -1))
            elif kind == "partition":
                s.partition[fields[2]].append((float(fields[4]), float(fields[5]), float(fields[6]), fields[7],
                                               int(fields[8]), float(fields[9]) if len(fields) > 9 else -1.0))
    return scenarios


def ms(seconds):
    if seconds is None:
        return "—"
    return "%.1f ms" % (seconds * 1000)


def ratio(a, b):
    return "%.2f×" % (a / b) if a is not None and b else "—"


def failover_table(group, scenarios):
    title, capture_name, vip_name = GROUPS[group]
    lines = ["### %s" % title, "",
             "Failover: %s. Second figure: %s, polled every 5 ms. Ratio: vrrpd median / keepalived median "
             "(below 1: vrrpd is faster)." % (capture_name, vip_name), "",
             "| Scenario | Daemon | Trials | Median | p95 | Max | Action → VIP, median | Action → VIP, p95 "
             "| RFC limit | vrrpd / keepalived |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    notes = []
    for s in scenarios:
        if s.skipped:
            lines.append("| %s | — | — | skipped: %s | | | | | %s | |" % (s.title, s.skipped, limit_text(s)))
            continue
        medians = {d: median(s.capture[d]) if s.capture[d] else None for d in DAEMONS}
        for d in DAEMONS:
            runs = len(s.capture[d]) + len(s.failures[d])
            if s.capture[d]:
                m, p95, mx = summary(s.capture[d])
                vm, vp95, _ = summary(s.vip[d])
                cells = [ms(m), ms(p95), ms(mx), ms(vm), ms(vp95)]
            else:
                cells = ["no data"] + [""] * 4
            r = ratio(medians["vrrpd"], medians["keepalived"]) if d == "vrrpd" else ""
            lines.append("| %s | %s | %d/%d | %s | %s | %s |" % (s.title if d == "vrrpd" else "", d,
                         len(s.capture[d]), runs, " | ".join(cells), limit_text(s) if d == "vrrpd" else "", r))
            if s.early[d]:
                notes.append("%s, %s: in %d trial(s) the backup sent adverts before the event (a takeover while "
                             "the master was still alive, in the steady window before it: a scheduling stall under load); "
                             "the measurement starts at the master's last advert regardless." % (s.id, d, s.early[d]))
            if s.failures[d]:
                notes.append("%s, %s: %d failed trial(s): %s." % (s.id, d, len(s.failures[d]), "; ".join(s.failures[d])))
        if s.group == "health" and medians["vrrpd"] and medians["keepalived"]:
            speedup = medians["keepalived"] / medians["vrrpd"]
            target = ""
            if s.kind == "gpu" and s.limit < 0.5:
                target = " (issue 5 asks for at least 3×: %s)" % ("met" if speedup >= 3 else "NOT met")
            elif s.kind == "gpu" and medians["vrrpd"] > s.limit:
                # At 1 s adverts both wait the same 609 ms Skew_Time after detecting: it bounds the ratio, so the
                # 3× target is judged on the 0.1 s row; the detection alone is compared here.
                target = (" (the 3× target is judged at advert_int 0.1 s: here the shared Skew_Time bounds the ratio; "
                          "detection and reaction alone are %.0f× faster)" % (
                              (medians["keepalived"] - s.limit) / (medians["vrrpd"] - s.limit)))
            notes.append("%s: vrrpd is %.1f× faster than keepalived (keepalived median / vrrpd median)%s. Both then "
                         "wait the backup's Skew_Time %s after the priority-0 advert; without it (median − Skew_Time, "
                         "detection and reaction): vrrpd %s, keepalived %s." % (
                             s.id, speedup, target, ms(s.limit), ms(medians["vrrpd"] - s.limit),
                             ms(medians["keepalived"] - s.limit)))
        if s.group == "loss" and s.capture["vrrpd"] and s.limit is not None:
            worst = max(s.capture["vrrpd"])
            notes.append("%s: vrrpd's max %s the RFC limit + 50 ms (%s); its median %s keepalived's." % (
                s.id, "is within" if worst <= s.limit + MARGIN_S else "EXCEEDS", ms(s.limit + MARGIN_S),
                "is at or under" if medians["keepalived"] is None or medians["vrrpd"] <= medians["keepalived"]
                else "is ABOVE"))
    lines.append("")
    lines += ["- " + n for n in notes] + ([""] if notes else [])
    return lines


def limit_text(s):
    return "%s (%s)" % (ms(s.limit), s.limit_name) if s.limit is not None else "—"


def footprint_table(scenarios):
    lines = ["### Footprint", "",
             "Each daemon as a pair in its own lab (host 1 master of every instance, host 2 backup), measured after "
             "a 3 s warm-up. RSS: VmRSS at the end of the window (keepalived: parent + VRRP child). CPU: utime + "
             "stime over the window.", "",
             "| Case | Daemon | Role | RSS | CPU time | CPU, % of one core | Window | Processes | Threads |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for s in scenarios:
        if s.skipped:
            lines.append("| %s | — | — | skipped: %s | | | | | |" % (s.title, s.skipped))
            continue
        for daemon, role, rss, cpu, window, procs, threads in s.footprint:
            lines.append("| %s | %s | %s | %.1f MiB | %.2f s | %.2f %% | %.0f s | %d | %d |" % (
                s.title, daemon, role, rss / 1024, cpu, 100 * cpu / window if window else 0, window, procs, threads))
        for d in DAEMONS:
            if s.failures[d]:
                lines.append("| %s | %s | — | failed: %s | | | | | |" % (s.title, d, "; ".join(s.failures[d])))
    lines.append("")
    return lines


def allocation_table(scenarios):
    lines = ["### Allocation per advert", "",
             "vrrpd only (keepalived is C, with no collector to feed). One pair, 10 instances at advert_int 0.01 s; "
             "the loop thread's allocated bytes (`vrrpd_event_loop_allocated_bytes_total`, read before a scrape "
             "builds anything) over the window, less one scrape's own cost, divided by the adverts the master sent "
             "or the backup accepted. What remains is the once-a-second address reconciliation spread over the "
             "adverts (docs/design/event-loop.md §6).", "",
             "| Role | Trials | Bytes per advert, median | Max | Adverts per trial |", "|---|---:|---:|---:|---:|"]
    for s in scenarios:
        if s.skipped:
            lines.append("| — | — | skipped: %s | | |" % s.skipped)
            continue
        for role in ("master", "backup"):
            rows = s.alloc[role]
            if not rows:
                lines.append("| %s | 0 | no data | | |" % role)
                continue
            per = [r[0] for r in rows]
            lines.append("| %s | %d | %.1f | %.1f | %d |" % (role, len(rows), median(per), max(per), int(median([r[1] for r in rows]))))
    lines.append("")
    for s in scenarios:
        for d, failures in s.failures.items():
            if failures:
                lines += ["- %s: %d failed trial(s): %s." % (d, len(failures), "; ".join(failures)), ""]
    return lines


def startup_table(scenarios):
    lines = ["### Start-up", "",
             "Process start (wall clock just before the spawn) → first advert on the wire, one daemon alone with "
             "`state MASTER`, priority 255 (RFC 5798 §6.4.1: the first advert goes out at once), advert_int 1 s, captured "
             "on its own host.", "",
             "| Daemon | Trials | Median | p95 | Max | vrrpd / keepalived |", "|---|---:|---:|---:|---:|---:|"]
    for s in scenarios:
        if s.skipped:
            lines.append("| — | — | skipped: %s | | | |" % s.skipped)
            continue
        medians = {d: median(s.startup[d]) if s.startup[d] else None for d in DAEMONS}
        for d in DAEMONS:
            runs = len(s.startup[d]) + len(s.failures[d])
            if s.startup[d]:
                m, p95, mx = summary(s.startup[d])
                cells = "%s | %s | %s" % (ms(m), ms(p95), ms(mx))
            else:
                cells = "no data | |"
            r = ratio(medians["vrrpd"], medians["keepalived"]) if d == "vrrpd" else ""
            lines.append("| %s | %d/%d | %s | %s |" % (d, len(s.startup[d]), runs, cells, r))
    lines.append("")
    return lines


def contention_table(scenarios, seconds):
    lines = ["### CPU contention", "",
             "A pair per daemon (host 1 master, priority 150; host 2 backup, priority 100; VRRPv3); once it has settled, "
             "one busy loop per core (`taskset -c N sh -c 'while :; do :; done'`) runs for %d s. Daemons and hogs run "
             "at normal priority (no `vrrp_rt_priority`, no realtime scheduling). Gaps between consecutive adverts of "
             "the master inside the hog window, from tcpdump's timestamps on the backup's capture. Per trial one "
             "window; the table gives the worst max gap and the median and worst of the per-trial p99 gaps. A gap past "
             "the backup's Master_Down_Interval lets it take over: \"backup adverts\" counts its adverts in the "
             "window (0 = no spurious takeover)." % seconds, "",
             "| Scenario | Daemon | Trials | Max gap (worst trial) | p99 gap, median of trials | p99 gap, worst trial "
             "| Median gap | Adverts | Backup adverts | Master_Down_Interval |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    notes = []
    for s in scenarios:
        if s.skipped:
            lines.append("| %s | — | — | skipped: %s | | | | | | |" % (s.title, s.skipped))
            continue
        for d in DAEMONS:
            rows = s.contention[d]
            runs = len(rows) + len(s.failures[d])
            if rows:
                cells = [ms(max(r[0] for r in rows)), ms(median([r[1] for r in rows])), ms(max(r[1] for r in rows)),
                         ms(median([r[2] for r in rows])), "%d" % sum(r[3] for r in rows), "%d" % sum(r[4] for r in rows)]
            else:
                cells = ["no data"] + [""] * 5
            lines.append("| %s | %s | %d/%d | %s | %s |" % (s.title if d == "vrrpd" else "", d, len(rows), runs,
                                                            " | ".join(cells), limit_text(s) if d == "vrrpd" else ""))
            if s.failures[d]:
                notes.append("%s, %s: %d failed trial(s): %s." % (s.id, d, len(s.failures[d]), "; ".join(s.failures[d])))
    lines.append("")
    lines += ["- " + n for n in notes] + ([""] if notes else [])
    return lines


PARTITION_VARIANTS = ("vrrpd-own", "vrrpd", "keepalived")
PARTITION_NAMES = {"vrrpd-own": "vrrpd, `vrrp_ownership` (etcd, lease_ttl 5)", "vrrpd": "vrrpd, no ownership",
                   "keepalived": "keepalived"}


def partition_table(scenarios, seconds):
    tail = []
    for s in scenarios:
        if s.kind != "ownloss":
            continue
        lines = tail
        lines += ["### Silent master loss with ownership", "",
                  "The same four hosts and etcd; vrrpd with `vrrp_ownership` (lease_ttl 5) only (keepalived has no "
                  "counterpart). The master's bridge port stops forwarding: its adverts and its etcd member vanish "
                  "together, the backup and the witness keep etcd's quorum. The backup may take the VIP only once the "
                  "master's lease has expired. Measured: the cut → the VIP local on the backup (polled every 5 ms), "
                  "against the expected bound max(Master_Down_Interval, lease_ttl) + 200 ms; and the total time both "
                  "hosts held the VIP (kernel address events).", "",
                  "| etcd's leader | Trials | Cut → VIP, median | Cut → VIP, max | Bound | Within bound | Two holders, max |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        if s.skipped:
            lines += ["| — | — | skipped: %s | | | | |" % s.skipped, ""]
            continue
        rows = s.ownloss
        runs = len(rows) + len(s.failures["vrrpd-own"])
        names = {0: "elsewhere (survives the cut)", 1: "on the cut host (re-elected)", -1: "not known"}
        for where in (0, 1, -1):
            part = [r for r in rows if r[3] == where]
            if not part:
                continue
            t = [r[0] for r in part]
            bound = part[0][2]
            lines.append("| %s | %d | %s | %s | %s | %d/%d | %s |" % (names[where], len(part), ms(median(t)), ms(max(t)),
                         ms(bound), sum(1 for x in t if x <= bound), len(t), ms(max(r[1] for r in part))))
        if not rows:
            lines.append("| — | 0/%d | no data | | | | |" % runs)
        lines.append("")
        if any(r[3] == 1 for r in rows):
            lines += ["- When etcd's leader was the cut host's member, the remaining members elect a new one, and a new "
                      "leader restarts every lease's TTL: the old holder's lease ends a whole lease_ttl after that "
                      "election, which no client can shorten (docs/design/ownership.md §11).", ""]
        over = [x for x in (r[0] for r in rows) if x > rows[0][2]] if rows else []
        if over:
            lines += ["- The failover EXCEEDS the expected bound max(Master_Down_Interval, lease_ttl) + 200 ms in %d of "
                      "%d trial(s) (by %s at most); no trial had two holders." % (
                          len(over), len(rows), ms(max(over) - rows[0][2])), ""]
        if s.failures["vrrpd-own"]:
            lines += ["- %d failed trial(s): %s." % (len(s.failures["vrrpd-own"]), "; ".join(s.failures["vrrpd-own"])), ""]
    for s in scenarios:
        if s.kind != "owngpu":
            continue
        lines = tail
        lines += ["### GPU fault with ownership", "",
                  "The same four hosts; the master tracks the fake NVML as in the GPU scenarios (Xid 79 and the GPU "
                  "lost, delivered by NVML's event set), vrrpd on both hosts, once with `vrrp_ownership` (etcd, "
                  "lease_ttl 5) and once without, alternating. With ownership the master sends priority 0, removes its "
                  "VIP and only then releases the key; the backup acquires it when its Skew_Time has passed. Measured: "
                  "the fault → the VIP local on the backup (polled every 5 ms), against Skew_Time + 50 ms; and the total "
                  "time both hosts held the VIP (kernel address events).", "",
                  "| Variant | Trials | Fault → VIP, median | p95 | Max | Skew_Time + 50 ms | Median within | "
                  "Two holders, max |", "|---|---:|---:|---:|---:|---:|---|---:|"]
        if s.skipped:
            lines += ["| — | — | skipped: %s | | | | | |" % s.skipped, ""]
            continue
        for v in ("vrrpd-own", "vrrpd"):
            rows = s.owngpu[v]
            runs = len(rows) + len(s.failures[v])
            if rows:
                t = [r[0] for r in rows]
                _, p95, _ = summary(t)
                limit = rows[0][2]
                lines.append("| %s | %d/%d | %s | %s | %s | %s | %s | %s |" % (
                    PARTITION_NAMES[v], len(rows), runs, ms(median(t)), ms(p95), ms(max(t)), ms(limit),
                    "yes" if median(t) <= limit else "NO", ms(max(r[1] for r in rows))))
            else:
                lines.append("| %s | 0/%d | no data | | | | | |" % (PARTITION_NAMES[v], runs))
        lines.append("")
        for v in ("vrrpd-own", "vrrpd"):
            if s.failures[v]:
                lines += ["- %s: %d failed trial(s): %s." % (v, len(s.failures[v]), "; ".join(s.failures[v])), ""]
    scenarios = [s for s in scenarios if s.kind not in ("ownloss", "owngpu")]
    if not scenarios:
        return tail
    lines = ["### Partition and heal", "",
             "Four namespaces on the lab bridge: host 1 master (priority 150) and host 2 backup (priority 100), VRRPv3, "
             "advert_int 0.1 s; a client in the VIP's subnet pinging the VIP every 10 ms; a witness. For the ownership "
             "variant a 3-member etcd runs on host 1, host 2 and the witness (Debian's etcd 3.4), and both vrrpd "
             "have `vrrp_ownership` with `lease_ttl 5`. After the pair has settled, nft on host 2 drops every "
             "incoming IP protocol 112 packet for %d s (host 2 hears no adverts; its own still go out and etcd's "
             "TCP is untouched), then the rule is deleted (\"heal\"). The VIP's holders come from `ip -ts monitor "
             "address` on both hosts (kernel events, µs timestamps), the client's ARP entry from `ip -ts monitor "
             "neigh` on the client. *Two holders*: total time both hosts held the VIP. *Heal → one holder*: heal → "
             "from then on exactly one host holds it. *Heal → client ARP*: heal → from then on the client's entry "
             "names the surviving holder's MAC (0 when it never changed; \"not within\" when it still named the "
             "other host when the trial gave up, %s s after the heal). *Client ARP elsewhere*: total time the client's entry "
             "named the other host's MAC, during the cut or after it (the client's pings went to the host that "
             "lost). Per trial one cut; median and max over the "
             "trials." % (seconds, "40"), "",
             "| Variant | Trials | Two holders, median | Two holders, max | Heal → one holder, median | Heal → one "
             "holder, max | Heal → client ARP, median | Heal → client ARP, max | Client ARP elsewhere, median "
             "| Client ARP elsewhere, max | Survivor |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    notes = []
    for s in scenarios:
        if s.skipped:
            lines.append("| %s | — | skipped: %s | | | | | | | | |" % (s.title, s.skipped))
            continue
        for v in PARTITION_VARIANTS:
            rows = s.partition[v]
            runs = len(rows) + len(s.failures[v])
            if rows:
                dual = [r[0] for r in rows]
                one = [r[1] for r in rows if r[1] >= 0]
                arp = [r[2] for r in rows if r[2] >= 0]
                missing = len(rows) - len(arp)

                def cell(xs, f):
                    return ms(f(xs)) if xs else "—"
                arp_max = ms(max(arp)) if arp and not missing else ("not within (%d trial(s))" % missing if missing else "—")
                elsewhere = [r[5] for r in rows if r[5] >= 0]
                cells = [cell(dual, median), cell(dual, max), cell(one, median), cell(one, max), cell(arp, median),
                         arp_max, cell(elsewhere, median), cell(elsewhere, max), ", ".join(sorted(set(r[3] for r in rows)))]
            else:
                cells = ["no data"] + [""] * 8
            lines.append("| %s | %d/%d | %s |" % (PARTITION_NAMES[v], len(rows), runs, " | ".join(cells)))
            if s.failures[v]:
                notes.append("%s: %d failed trial(s): %s." % (v, len(s.failures[v]), "; ".join(s.failures[v])))
    lines.append("")
    lines += ["- " + n for n in notes] + ([""] if notes else [])
    return lines + tail


def headline(scenarios):
    lines = []
    for s in scenarios.values():
        if s.skipped or s.kind not in ("loss", "stop", "demote", "gpu", "container"):
            continue
        if not (s.capture["vrrpd"] and s.capture["keepalived"]):
            continue
        v, k = median(s.capture["vrrpd"]), median(s.capture["keepalived"])
        rfc = "RFC %s %s" % (s.limit_name, ms(s.limit)) if s.limit is not None else "no RFC figure"
        lines.append("- %s: vrrpd %s, keepalived %s (medians; %s)" % (s.title, ms(v), ms(k), rfc))
    return lines


def main():
    p = argparse.ArgumentParser()
    p.add_argument("results")
    p.add_argument("out_md")
    p.add_argument("out_svg")
    for name in ("date", "machine", "load", "load-samples", "vrrpd", "keepalived", "command", "note", "notes-file"):
        p.add_argument("--" + name, default="")
    p.add_argument("--trials", type=int, default=20)
    p.add_argument("--footprint-seconds", type=int, default=30)
    p.add_argument("--runtime", type=int, default=0)
    p.add_argument("--contention-seconds", type=int, default=60)
    p.add_argument("--partition-seconds", type=int, default=5)
    a = p.parse_args()
    scenarios = load(a.results)
    short = a.trials < 20 or a.footprint_seconds < 30

    md = ["# Failover benchmark: vrrpd vs keepalived", "",
          "Made by `%s` (see [Reproducing](#reproducing)). Every trial builds fresh network namespaces, runs one "
          "pair (vrrpd or keepalived) with the same keepalived-grammar configuration, measures and tears them down; "
          "vrrpd and keepalived trials alternate." % a.command, ""]
    if short:
        md += ["> **Short run.** %d trial(s) per scenario and daemon, footprint windows %d s / %d s. The full "
               "benchmark is `sudo tests/bench/run.sh` (20 trials, 30 s / 60 s)." % (
                   a.trials, a.footprint_seconds, 2 * a.footprint_seconds), ""]
    if a.note:
        md += ["> **Note.** %s" % a.note, ""]
    md += ["| | |", "|---|---|",
           "| Date | %s |" % a.date,
           "| Machine | %s |" % a.machine,
           "| Load average at the end of the run | %s |" % a.load,
           "| 1-minute load average during the run | %s |" % (a.load_samples or "—"),
           "| vrrpd | `%s` |" % a.vrrpd,
           "| keepalived | `%s` |" % a.keepalived,
           "| Trials per scenario and daemon | %d |" % a.trials,
           "| Run time | %d min %d s |" % (a.runtime // 60, a.runtime % 60), ""]
    heads = headline(scenarios)
    if heads:
        md += ["## Headline", ""] + heads + [""]

    panels = [(s.title, s.limit, s.limit_name or "", OrderedDict((d, s.capture[d]) for d in DAEMONS))
              for s in scenarios.values() if s.group in GROUPS and not s.skipped
              and any(s.capture[d] for d in DAEMONS)]
    if any(s.group in GROUPS for s in scenarios.values()):
        md += ["## Failover", ""]
        if panels:
            md += ["![Failover time per trial, vrrpd vs keepalived](%s)" % os.path.basename(a.out_svg), ""]
    for group in GROUPS:
        members = [s for s in scenarios.values() if s.group == group]
        if members:
            md += failover_table(group, members)
    contention = [s for s in scenarios.values() if s.group == "contention"]
    partition = [s for s in scenarios.values() if s.group == "partition"]
    if contention or partition:
        md += ["## Under stress", "",
               "> The machine has %s and may be shared with other jobs: the hogs compete with whatever else runs, "
               "and the load average above is the machine's, not only this run's." % (
                   a.machine.split(",")[0] if a.machine else "few CPUs"), ""]
        if contention:
            md += contention_table(contention, a.contention_seconds)
        if partition:
            md += partition_table(sorted(partition, key=lambda s: s.kind in ("ownloss", "owngpu")), a.partition_seconds)
    footprint = [s for s in scenarios.values() if s.group == "footprint"]
    startup = [s for s in scenarios.values() if s.group == "startup"]
    allocation = [s for s in scenarios.values() if s.group == "allocation"]
    if footprint or startup or allocation:
        md += ["## Cost", ""]
        if footprint:
            md += footprint_table(footprint)
        if startup:
            md += startup_table(startup)
        if allocation:
            md += allocation_table(allocation)
    md += ["<details><summary>Per-trial results (the raw file report.py read)</summary>", "", "```"]
    with open(a.results) as f:
        md += [line.rstrip("\n") for line in f]
    md += ["```", "", "</details>", ""]
    if a.notes_file and os.path.exists(a.notes_file):
        with open(a.notes_file) as f:
            md += [f.read().rstrip(), ""]
    with open(a.out_md, "w") as f:
        f.write("\n".join(md))

    if panels:
        with open(a.out_svg, "w") as f:
            f.write(svgplot.render(panels, "%s; %s; %d trial(s) per daemon" % (a.date, a.machine, a.trials)))


if __name__ == "__main__":
    main()
