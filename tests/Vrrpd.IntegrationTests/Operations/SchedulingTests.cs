using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Operations;

/// <summary>keepalived's vrrp_priority / vrrp_rt_priority / vrrp_rlimit_rttime, read back from /proc of a real
/// daemon: the VRRP threads under SCHED_RR, the rest niced, the RLIMIT_RTTIME in place.</summary>
public sealed class SchedulingTests
{
    private const int SchedOther = ProcessThread.SchedOther, SchedRr = ProcessThread.SchedRr;

    [LabFact]
    public async Task RtPriority_PutsTheEventLoopUnderSchedRr_AndNiceTheRest()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var daemon = lab.StartVrrpd(host, OperationsConfig.Text(lab, host, """
                vrrp_priority -5
                vrrp_rt_priority 30
                vrrp_rlimit_rttime 200000
            """, new VrrpInstanceConfig { Priority = 150 }));
        await Eventually.Until(() => lab.HasAddress(host, Vip4), TimeSpan.FromSeconds(10), $"{Vip4} on {host}", lab.Report);

        var threads = Threads(daemon.Pid);
        // One thread runs VRRP (sockets, timers, state machines): the event loop. No receive threads remain, and the
        // effects worker (netlink, scripts) stays at normal priority.
        var loop = Assert.Single(threads, t => t.Name == "vrrp-loop");
        Assert.DoesNotContain(threads, t => t.Name.StartsWith("vrrp-rx-", StringComparison.Ordinal));
        Assert.Equal((SchedRr, 30), (loop.Policy, loop.RtPriority));
        var effects = Assert.Single(threads, t => t.Name == "vrrp-effects");
        Assert.Equal(SchedOther, effects.Policy);
        var main = Assert.Single(threads, t => t.Id == daemon.Pid);
        Assert.Equal((SchedOther, 0, -5), (main.Policy, main.RtPriority, main.Nice));
        // Only the loop is realtime (GC, thread pool, netlink monitor are not, even a pool thread started from the
        // loop: SCHED_RESET_ON_FORK); the threads present at start were reniced.
        Assert.All(threads.Where(t => t.Policy != SchedOther), t => Assert.Equal("vrrp-loop", t.Name));
        Assert.Contains(threads, t => t.Id != daemon.Pid && t.Policy == SchedOther && t.Nice == -5);
        Assert.Contains(File.ReadLines($"/proc/{daemon.Pid}/limits"), l => l.StartsWith("Max realtime timeout", StringComparison.Ordinal)
            && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3..5].SequenceEqual(["200000", "200000"]));
    }

    [LabFact]
    public async Task WithoutTheKnobs_EveryThreadRunsAtNormalPriority()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var daemon = lab.StartVrrpd(host, OperationsConfig.Text(lab, host, "", new VrrpInstanceConfig { Priority = 150 }));
        await Eventually.Until(() => lab.HasAddress(host, Vip4), TimeSpan.FromSeconds(10), $"{Vip4} on {host}", lab.Report);

        Assert.All(Threads(daemon.Pid), t => Assert.Equal((SchedOther, 0), (t.Policy, t.Nice)));
    }

    private static List<ProcessThread> Threads(int pid) => ProcessThread.Of(pid);
}
