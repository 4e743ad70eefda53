using System.Globalization;
using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests;

/// <summary>Two vrrpd hosts, priorities 150 and 100: election, silent loss, preemption, graceful stop.</summary>
public sealed class VrrpdFailoverTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(6);

    /// <summary>VRRPv3 at 100 ms: Master_Down_Interval of the backup = 0.3 s + 156/256 × 0.1 s = 0.36 s.</summary>
    private static readonly VrrpInstanceConfig Fast = new() { Version = 3, AdvertInt = "0.1" };

    [LabFact]
    public async Task HigherPriorityHost_HoldsVip_AndStatusReportsMasterAndBackup()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var a = lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 150 });
        var b = lab.Start(DaemonKind.Vrrpd, backup, Fast with { Priority = 100 });

        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);
        await Eventually.Holds(() => !lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(1), $"{Vip4} not on {backup}", lab.Report);

        await Eventually.Until(
            () => a.Status().Instance("VI_1") is { State: "Master" } master && master.MasterAddress == primary.Ipv4.ToString()
                  && b.Status().Instance("VI_1") is { State: "Backup" } slave && slave.MasterAddress == primary.Ipv4.ToString(),
            TimeSpan.FromSeconds(3),
            $"status: {primary.Name} Master and {backup.Name} Backup, both naming {primary.Ipv4} as master",
            () => $"{primary.Name}: {TryStatus(a)}\n{backup.Name}: {TryStatus(b)}\n{lab.Report()}");
        var status = a.Status().Instance("VI_1");
        Assert.Equal(51, status.Vrid);
        Assert.Equal("ipv4", status.Family);
        Assert.Equal(150, status.Priority);
        Assert.Contains(status.VirtualAddresses, v => v.StartsWith(Vip4, StringComparison.Ordinal));
    }

    [LabFact]
    public async Task MasterCutOff_SilentLoss_BackupTakesOverVip()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 150 });
        lab.Start(DaemonKind.Vrrpd, backup, Fast with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);

        lab.CutOff(primary);

        var took = await Eventually.Until(() => lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {backup} after the cut", lab.Report);
        // 0.36 s down interval plus polling and scheduling slack; far above it means the timer is wrong.
        Assert.True(took < TimeSpan.FromSeconds(1.5), $"takeover took {took.TotalSeconds:0.000} s\n{lab.Report()}");
    }

    [LabFact]
    public async Task RestoredPrimary_PreemptsVipBack()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 150 });
        lab.Start(DaemonKind.Vrrpd, backup, Fast with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);
        lab.CutOff(primary);
        await Eventually.Until(() => lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {backup} after the cut", lab.Report);

        lab.Restore(primary);

        // Both claim Master; the backup hears priority 150 > 100 and yields (RFC 5798 §6.4.3), the primary keeps it.
        await Eventually.Until(() => !lab.HasAddress(backup, Vip4), Settle, $"{backup} yields {Vip4} to the restored primary", lab.Report);
        Assert.True(lab.HasAddress(primary, Vip4), lab.Report());
        await Eventually.Holds(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4),
            TimeSpan.FromSeconds(1), $"{Vip4} stays on {primary} only", lab.Report);
    }

    [LabFact]
    public async Task MasterSigterm_SendsPriorityZero_BackupTakesOverWithinSkewTime()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        // advert_int 1 s so Skew_Time (156/256 s = 0.609 s) is far from Master_Down_Interval (3.609 s).
        var slow = new VrrpInstanceConfig { Version = 3, AdvertInt = "1" };
        var a = lab.Start(DaemonKind.Vrrpd, primary, slow with { Priority = 150 });
        lab.Start(DaemonKind.Vrrpd, backup, slow with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);
        using var capture = await Capture.StartAsync(lab, backup, "ip proto 112");
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // at least one regular advert in the capture

        a.Terminate();

        Assert.True(a.WaitForExit(TimeSpan.FromSeconds(5)), $"vrrpd did not exit after SIGTERM\n{lab.Report()}");
        Assert.True(a.ExitCode == 0, $"graceful stop exits 0, not {a.ExitCode}\n{lab.Report()}");
        Assert.False(lab.HasAddress(primary, Vip4), $"a stopping master removes its VIP\n{lab.Report()}");
        await Eventually.Until(() => lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {backup}", lab.Report);
        await Task.Delay(TimeSpan.FromSeconds(0.3));

        var adverts = capture.Read("vrrp", "ip.src", "vrrp.prio");
        var priorityZero = adverts.FirstOrDefault(p => p["ip.src"] == primary.Ipv4.ToString() && p["vrrp.prio"] == "0");
        Assert.True(priorityZero is not null, $"no priority-0 advert from {primary}: {string.Join('\n', adverts)}");
        var takeover = adverts.FirstOrDefault(p => p["ip.src"] == backup.Ipv4.ToString() && p.Time > priorityZero!.Time);
        Assert.True(takeover is not null, $"no advert from {backup} after the priority-0 advert: {string.Join('\n', adverts)}");

        // RFC 5798 §6.4.2: on priority 0 the Backup sets Master_Down_Timer to Skew_Time.
        var seconds = takeover!.Time - priorityZero!.Time;
        var detail = $"priority 0 → first backup advert: {seconds.ToString("0.000", CultureInfo.InvariantCulture)} s (Skew_Time 0.609 s)";
        Assert.True(seconds is > 0.5 and < 0.8, $"{detail}\n{lab.Report()}");
    }

    [LabFact]
    public async Task Ipv6Vip_FailsOverOnCutOff_AdvertsComeFromLinkLocalSources()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var v6 = Fast with { VirtualAddresses = [$"{Vip6}/64"] };
        lab.Start(DaemonKind.Vrrpd, primary, v6 with { Priority = 150 });
        lab.Start(DaemonKind.Vrrpd, backup, v6 with { Priority = 100 });
        using var capture = await Capture.StartAsync(lab, backup, "ip6 proto 112");
        await Eventually.Until(() => lab.HasAddress(primary, Vip6), Settle, $"{Vip6} on {primary}", lab.Report);
        await Eventually.Holds(() => !lab.HasAddress(backup, Vip6), TimeSpan.FromSeconds(1), $"{Vip6} not on {backup}", lab.Report);

        lab.CutOff(primary);

        await Eventually.Until(() => lab.HasAddress(backup, Vip6), Settle, $"{Vip6} on {backup} after the cut", lab.Report);
        await Task.Delay(TimeSpan.FromSeconds(0.3));
        var adverts = capture.Read("vrrp", "ipv6.src", "ipv6.dst", "vrrp.version");
        var expectedSources = new[] { lab.LinkLocalOf(primary).ToString(), lab.LinkLocalOf(backup).ToString() };
        Assert.Contains(adverts, p => p["ipv6.src"] == expectedSources[0]);
        Assert.Contains(adverts, p => p["ipv6.src"] == expectedSources[1]);
        // RFC 5798 §5.1.2.1/§5.1.2.2: source is the link-local address, destination ff02::12.
        Assert.All(adverts, p =>
        {
            Assert.Contains(p["ipv6.src"], expectedSources);
            Assert.Equal("ff02::12", p["ipv6.dst"]);
            Assert.Equal("3", p["vrrp.version"]);
        });
    }

    private static string TryStatus(DaemonProcess daemon)
    {
        try
        {
            return daemon.Status().Json;
        }
        catch (Exception e)
        {
            return $"(status failed: {e.Message})";
        }
    }
}
