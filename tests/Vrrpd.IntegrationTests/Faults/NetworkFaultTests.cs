using Vrrpd.IntegrationTests.Harness;
using Xunit.Abstractions;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Faults;

/// <summary>The network under the pair breaks: a partition, a flapping link, an interface that vanishes and comes back.</summary>
public sealed class NetworkFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan AdvertInterval = TimeSpan.FromMilliseconds(100);
    /// <summary>Scheduling slack on a shared 2-core machine (measurements come from kernel timestamps).</summary>
    private static readonly TimeSpan PollSlack = TimeSpan.FromMilliseconds(80);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(6);
    private static readonly VrrpInstanceConfig Fast = new() { Version = 3, AdvertInt = "0.1" };

    [LabFact]
    public async Task PartitionHealed_DualMasterEndsWithinOneAdvertInterval()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 150 });
        lab.Start(DaemonKind.Vrrpd, backup, Fast with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {primary} only", lab.Report);

        lab.CutOff(primary);
        lab.CutOff(backup);
        await Eventually.Until(() => lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(3), "the backup, alone, becomes Master too", lab.Report);
        await Task.Delay(500);
        Assert.True(lab.HasAddress(primary, Vip4), $"both sides of a partition are Master\n{lab.Report()}");

        await using var watch = await VipWatch.StartAsync(lab, Vip4, primary, backup);
        DateTime healedAt = DateTime.Now;
        lab.Restore(primary);
        lab.Restore(backup);
        await Eventually.Until(() => !lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(2),
            $"{backup} (100) yields to {primary} (150) once they hear each other", lab.Report);
        await watch.StopAsync();

        // From the kernel's timestamps: the backup's address removal, measured from the heal.
        TimeSpan? resolved = watch.FirstTimeHeldOnlyBy(primary.Name, healedAt);
        output.WriteLine($"dual master resolved {resolved?.TotalMilliseconds:0.0} ms after the heal\n{watch.Changes}");
        Assert.True(resolved is not null && resolved <= AdvertInterval + PollSlack,
            $"dual master lasted {resolved?.TotalMilliseconds:0} ms after the heal\n{watch.Changes}\n{lab.Report()}");
        Assert.True(lab.HasAddress(primary, Vip4), lab.Report());
    }

    [LabFact]
    public async Task PartitionHealed_TheSurvivorAnnouncesAtOnce_AndTheClientsArpEntryFollows_EvenWithRepairGarpsOff()
    {
        await using var lab = Lab.Create(3);
        var (primary, backup, client) = (lab[1], lab[2], lab[3]);
        // No repair repeats and no delayed second burst: the announcement that fixes the client's cache after the
        // heal has to come from the split repair itself, whatever the garp_* settings say.
        const string NoRepairGarps = "global_defs {\n    vrrp_garp_lower_prio_repeat 0\n    vrrp_garp_master_delay 0\n}\n";
        lab.StartVrrpd(primary, NoRepairGarps + (Fast with { Priority = 150 }).ToConfigText());
        lab.StartVrrpd(backup, NoRepairGarps + (Fast with { Priority = 100 }).ToConfigText());
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {primary} only", lab.Report);

        // The primary alone is cut off: the backup becomes Master too, and the client learns the backup's MAC.
        lab.CutOff(primary);
        await Eventually.Until(() => lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(3), $"{backup} Master while {primary} is cut off", lab.Report);
        lab.Exec(client, "ping", "-c", "1", "-W", "1", Vip4);
        Assert.Contains(lab.MacOf(backup), lab.Exec(client, "ip", "neigh", "show", Vip4).StdOut, StringComparison.OrdinalIgnoreCase);
        Assert.True(lab.HasAddress(primary, Vip4), $"both sides of the split are Master\n{lab.Report()}");

        using var capture = await Capture.StartAsync(lab, client, "arp");
        double healedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        lab.Restore(primary);

        string primaryMac = lab.MacOf(primary);
        await Eventually.Until(() => lab.Exec(client, "ip", "neigh", "show", Vip4).StdOut.Contains(primaryMac, StringComparison.OrdinalIgnoreCase),
            TimeSpan.FromSeconds(2), $"the client's ARP entry for {Vip4} names {primary}'s MAC {primaryMac}", lab.Report);
        Assert.False(lab.HasAddress(backup, Vip4), lab.Report());
        capture.Stop();
        var announcements = capture.Read($"arp.src.proto_ipv4 == {Vip4} && eth.src == {primaryMac}", "eth.src");
        Assert.NotEmpty(announcements);
        double firstAfterHeal = announcements.Select(p => p.Time).Where(t => t >= healedAt).DefaultIfEmpty(double.NaN).Min();
        output.WriteLine($"first announcement from {primary} {1000 * (firstAfterHeal - healedAt):0.0} ms after the heal");
        Assert.True(firstAfterHeal - healedAt <= (AdvertInterval + TimeSpan.FromMilliseconds(100) + PollSlack).TotalSeconds,
            $"first announcement from {primary} came {1000 * (firstAfterHeal - healedAt):0} ms after the heal\n{lab.Report()}");
    }

    [LabFact]
    public async Task HundredLinkFlapsOfTheMaster_EndWithTheVipOnIt_AndNoLeakedFdsOrThreads()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var a = lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 150 });
        lab.Start(DaemonKind.Vrrpd, backup, Fast with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {primary} only", lab.Report);
        await Task.Delay(1000);
        (int fds, int threads) before = (Lab.FileDescriptorCount(a.Pid), Lab.ThreadCount(a.Pid));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int flap = 0; flap < 100; flap++)
        {
            lab.LinkDown(primary);
            await Task.Delay(40);
            lab.LinkUp(primary);
            await Task.Delay(40);
        }

        TimeSpan flapping = clock.Elapsed;
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), Settle,
            $"{Vip4} back on {primary} only after the flaps", lab.Report);
        await Task.Delay(1500);
        (int fds, int threads) after = (Lab.FileDescriptorCount(a.Pid), Lab.ThreadCount(a.Pid));

        output.WriteLine($"100 flaps in {flapping.TotalSeconds:0.0} s; fds {before.fds} -> {after.fds}, threads {before.threads} -> {after.threads}");
        Assert.True(flapping < TimeSpan.FromSeconds(20), $"the flaps took {flapping.TotalSeconds:0.0} s");
        Assert.False(a.HasExited, lab.Report());
        Assert.Equal("Master", a.Status().Instance("VI_1").State);
        Assert.InRange(after.fds, before.fds - 2, before.fds + 2);
        // The runtime's thread pool may keep a worker or two it grew during the burst; a leak grows with the flaps.
        Assert.InRange(after.threads, before.threads - 4, before.threads + 4);
    }

    [LabFact]
    public async Task InterfaceDeletedAndRecreated_TheInstanceReturnsToService()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var a = lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 150 });
        lab.Start(DaemonKind.Vrrpd, backup, Fast with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {primary} only", lab.Report);

        lab.DeleteLink(primary);
        await Eventually.Until(() => lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(3), $"{Vip4} on {backup} once {primary}'s eth0 is gone", lab.Report);
        await Eventually.Until(() => a.Status().Instance("VI_1").State == "Fault", TimeSpan.FromSeconds(3), $"{primary} in Fault without eth0", lab.Report);
        await Task.Delay(300);

        lab.RecreateLink(primary);

        // Same name, new ifindex: the instance must follow it, Backup then preempting at 150.
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(8),
            $"{Vip4} back on {primary} only after eth0 was re-created", lab.Report);
        Assert.Equal("Master", a.Status().Instance("VI_1").State);
        // And it is really on the wire again: the backup hears it (it stays Backup for a further second).
        await Eventually.Holds(() => !lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(1), $"{backup} stays Backup", lab.Report);
    }
}
