using System.Diagnostics;
using System.Globalization;
using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests.Faults;

/// <summary>
/// Which hosts hold a VIP over time, from the kernel's own address events (`ip -ts monitor address` in each host,
/// microsecond timestamps), not from polling: spawning `ip` every 20 ms is starved for up to a second while a
/// daemon starts on a 2-core machine, so polling misses short windows. Gives every change of holders, the longest
/// stretch with two holders (a dual master) and the number of changes.
/// </summary>
internal sealed class VipWatch : IAsyncDisposable
{
    private readonly string _vip;
    private readonly List<(LabHost Host, Process Monitor, List<string> Lines)> _monitors = [];
    private readonly HashSet<string> _initial;
    private List<(DateTime At, string Holders)>? _timeline;

    private VipWatch(Lab lab, string vip, LabHost[] hosts)
    {
        _vip = vip;
        _initial = hosts.Where(h => lab.HasAddress(h, vip)).Select(h => h.Name).ToHashSet();
        foreach (var host in hosts)
        {
            var monitor = new Process
            {
                StartInfo = new ProcessStartInfo("ip", ["-ts", "-n", host.Namespace, "monitor", "address"])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                },
            };
            var lines = new List<string>();
            monitor.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    lock (lines)
                    {
                        lines.Add(line);
                    }
                }
            };
            monitor.Start();
            monitor.BeginOutputReadLine();
            _monitors.Add((host, monitor, lines));
        }
    }

    public static async Task<VipWatch> StartAsync(Lab lab, string vip, params LabHost[] hosts)
    {
        var watch = new VipWatch(lab, vip, hosts);
        await Task.Delay(300); // the monitors subscribe to RTNLGRP_IPV4_IFADDR
        return watch;
    }

    public int HolderChanges => Timeline.Count - 1;

    public string Changes
    {
        get
        {
            var timeline = Timeline;
            DateTime start = timeline[0].At;
            return string.Join("\n", timeline.Select(c => $"{(c.At - start).TotalSeconds:0.000} s: {(c.Holders.Length == 0 ? "nobody" : c.Holders)}"));
        }
    }

    /// <summary>The longest stretch with two or more holders, anywhere in the watch.</summary>
    public TimeSpan LongestDualMaster => LongestDualMasterFrom(0);

    /// <summary>
    /// The longest stretch with two holders that began after the first moment <paramref name="soleHolder"/> alone
    /// held the VIP (e.g. after a restarted daemon removed its stale copy). Null when that moment never came.
    /// </summary>
    public TimeSpan? LongestDualMasterAfterSole(string soleHolder)
    {
        int first = Timeline.FindIndex(c => c.Holders == soleHolder);
        return first < 0 ? null : LongestDualMasterFrom(first);
    }

    /// <summary>How long after <paramref name="from"/> (local time, as DateTime.Now) the holders first were exactly
    /// <paramref name="holders"/> (e.g. "h1"); null when they never were.</summary>
    public TimeSpan? FirstTimeHeldOnlyBy(string holders, DateTime from) =>
        Timeline.Where(c => c.At >= from && c.Holders == holders).Select(c => (TimeSpan?)(c.At - from)).FirstOrDefault();

    /// <summary>Stops the monitors and builds the timeline; idempotent.</summary>
    public async Task<VipWatch> StopAsync()
    {
        if (_timeline is not null)
        {
            return this;
        }

        await Task.Delay(100); // the last events reach the monitors' pipes
        var events = new List<(DateTime At, string Host, bool Added)>();
        foreach (var (host, monitor, lines) in _monitors)
        {
            if (!monitor.HasExited)
            {
                monitor.Kill();
            }

            await monitor.WaitForExitAsync();
            monitor.Dispose();
            lock (lines)
            {
                foreach (string line in lines.Where(l => l.StartsWith('[') && l.Contains($" {_vip}/", StringComparison.Ordinal)))
                {
                    DateTime at = DateTime.Parse(line[1..line.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                    events.Add((at, host.Name, !line.Contains("] Deleted ", StringComparison.Ordinal)));
                }
            }
        }

        var holders = new SortedSet<string>(_initial, StringComparer.Ordinal);
        var timeline = new List<(DateTime, string)> { (events.Count > 0 ? events.Min(e => e.At) - TimeSpan.FromTicks(1) : DateTime.Now, string.Join(",", holders)) };
        foreach (var e in events.OrderBy(e => e.At))
        {
            if (e.Added ? holders.Add(e.Host) : holders.Remove(e.Host))
            {
                timeline.Add((e.At, string.Join(",", holders)));
            }
        }

        _timeline = timeline;
        _stopped = DateTime.Now;
        return this;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private DateTime _stopped;

    private List<(DateTime At, string Holders)> Timeline =>
        _timeline ?? throw new InvalidOperationException("StopAsync first");

    private TimeSpan LongestDualMasterFrom(int first)
    {
        var timeline = Timeline;
        TimeSpan longest = TimeSpan.Zero;
        for (int i = first; i < timeline.Count; i++)
        {
            if (timeline[i].Holders.Contains(',', StringComparison.Ordinal))
            {
                DateTime end = i + 1 < timeline.Count ? timeline[i + 1].At : _stopped;
                longest = end - timeline[i].At > longest ? end - timeline[i].At : longest;
            }
        }

        return longest;
    }
}
