using Vrrpd.IntegrationTests.Harness;
using Xunit.Abstractions;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Faults;

/// <summary>A master process killed or frozen, then back: VRRPv3 at advert_int 0.1 s (RFC 5798 §6.1 timers).</summary>
public sealed class ProcessFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan AdvertInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Scheduling slack on a shared 2-core machine (the timeline itself comes from kernel timestamps).</summary>
    private static readonly TimeSpan PollSlack = TimeSpan.FromMilliseconds(80);

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(6);
    private static readonly VrrpInstanceConfig Fast = new() { Version = 3, AdvertInt = "0.1" };

    [LabFact]
    public async Task SigkilledMaster_Restarted_RemovesItsStaleVip_AndNeverDualMastersLongerThanOneInterval()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var a = lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 150 });
        lab.Start(DaemonKind.Vrrpd, backup, Fast with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {primary} only", lab.Report);

        a.Kill();
        Assert.True(a.WaitForExit(TimeSpan.FromSeconds(3)), lab.Report());
        await Eventually.Until(() => lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(3), $"{Vip4} on {backup}", lab.Report);
        Assert.True(lab.HasAddress(primary, Vip4), $"SIGKILL leaves the VIP behind\n{lab.Report()}");

        await using var watch = await VipWatch.StartAsync(lab, Vip4, primary, backup);
        var restarted = lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 150 });

        // Back at 150 it preempts: the VIP ends on the primary only, having left it in between (stale VIP removed).
        await Eventually.Until(() => restarted.Status().Instance("VI_1").State == "Master" && !lab.HasAddress(backup, Vip4),
            Settle, $"{primary} Master again, {backup} released {Vip4}", lab.Report);
        await Task.Delay(500);
        await watch.StopAsync();
        output.WriteLine(watch.Changes);
        // First the restarted vrrpd removes the stale copy (only the backup holds it), then, once it is back in
        // the election, the two never both hold it for longer than one advert interval.
        TimeSpan? dual = watch.LongestDualMasterAfterSole(backup.Name);
        Assert.True(dual is not null, $"the stale {Vip4} was never removed from {primary}\n{watch.Changes}\n{lab.Report()}");
        Assert.True(dual <= AdvertInterval + PollSlack,
            $"both held {Vip4} for {dual.Value.TotalMilliseconds:0} ms after the restart\n{watch.Changes}\n{lab.Report()}");
        Assert.True(lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), lab.Report());
    }

    [LabFact]
    public async Task MasterFrozenFiveSeconds_OnResume_SendsNoStorm_AndYieldsToTheNewMaster()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var a = lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);
        // Higher priority but nopreempt: it stays Backup while the primary lives, and wins once they meet again.
        lab.Start(DaemonKind.Vrrpd, backup, Fast with { Priority = 200, NoPreempt = true });
        await Task.Delay(1000);
        Assert.False(lab.HasAddress(backup, Vip4), lab.Report());
        string primaryMac = lab.MacOf(primary);
        using var capture = await Capture.StartAsync(lab, primary, "ip proto 112 or arp");

        a.Stop();
        await Eventually.Until(() => lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(3), $"{Vip4} on {backup} while {primary} is frozen", lab.Report);
        await Task.Delay(TimeSpan.FromSeconds(5));
        double resumedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        a.Cont();

        // RFC 5798 §6.4.3: a Master hearing a higher priority becomes Backup and removes its addresses.
        TimeSpan yielded = await Eventually.Until(() => !lab.HasAddress(primary, Vip4), TimeSpan.FromSeconds(2),
            $"{primary} drops {Vip4} after hearing {backup} (priority 200)", lab.Report);
        await Task.Delay(1200);
        var adverts = capture.Read($"vrrp && ip.src == {primary.Ipv4}", "vrrp.prio")
            .Where(p => p.Time >= resumedAt && p.Time < resumedAt + 1).ToList();
        var garps = capture.Read($"arp && eth.src == {primaryMac} && arp.src.proto_ipv4 == {Vip4}")
            .Where(p => p.Time >= resumedAt && p.Time < resumedAt + 1).ToList();
        output.WriteLine($"yielded after {yielded.TotalMilliseconds:0} ms; first second after SIGCONT: {adverts.Count} adverts, {garps.Count} GARPs");
        foreach (var packet in adverts.Concat(garps).OrderBy(p => p.Time))
        {
            output.WriteLine($"  +{(packet.Time - resumedAt) * 1000:0} ms {packet}");
        }

        Assert.True(adverts.Count <= 5, $"{adverts.Count} adverts in the first second after SIGCONT:\n{string.Join("\n", adverts)}\n{lab.Report()}");
        Assert.True(garps.Count <= 5, $"{garps.Count} gratuitous ARPs in the first second after SIGCONT:\n{string.Join("\n", garps)}");
        Assert.True(lab.HasAddress(backup, Vip4) && !lab.HasAddress(primary, Vip4), lab.Report());
        Assert.False(a.HasExited, lab.Report());
    }
    /// <summary>
    /// A third host's ARP entry for the VIP after the frozen master resumes and yields: it must point at the new
    /// master's MAC. A GARP burst that fell due during the freeze and is sent on resume re-points the LAN at the
    /// old master, which drops the VIP a few ms later: the VIP is black-holed until ARP entries expire.
    /// </summary>
    [LabFact]
    public async Task MasterFrozenThenResumed_LeavesTheLanArpPointingAtTheNewMaster()
    {
        await using var lab = Lab.Create(3);
        var (primary, backup, observer) = (lab[1], lab[2], lab[3]);
        var a = lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);
        lab.Start(DaemonKind.Vrrpd, backup, Fast with { Priority = 200, NoPreempt = true });
        await Task.Delay(1000);
        lab.Exec(observer, "ping", "-c", "1", "-W", "1", Vip4); // the observer learns the VIP's MAC (a GARP only updates an entry)

        a.Stop();
        await Eventually.Until(() => lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(3), $"{Vip4} on {backup}", lab.Report);
        // 7 s, not 5: the new master's own delayed GARP burst (vrrp_garp_master_delay 5 s) must not land just
        // after the resume and repair the caches by coincidence.
        await Task.Delay(TimeSpan.FromSeconds(7));
        a.Cont();
        await Eventually.Until(() => !lab.HasAddress(primary, Vip4), TimeSpan.FromSeconds(2), $"{primary} yields", lab.Report);
        await Task.Delay(1500);

        string neighbour = lab.Exec(observer, "ip", "neigh", "show", Vip4).StdOut;
        Assert.Contains(lab.MacOf(backup), neighbour, StringComparison.OrdinalIgnoreCase);
    }
}
