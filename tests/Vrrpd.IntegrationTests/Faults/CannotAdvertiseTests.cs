using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Faults;

/// <summary>
/// A Master that cannot advertise is invisible to its peers: after Master_Down_Interval the Backup takes over, and
/// if the silent Master kept its VIP both hosts would answer for it for as long as the cause lasts. Found by
/// adversarial testing: deleting the Master's primary IPv4 address (or its IPv6 link-local address) also deleted the
/// VIP, vrrpd put the VIP back, could not send, and stayed Master beside the new one. Now it goes to Fault (VIPs
/// withdrawn) and returns when it can advertise again. The holders of the VIP are read from the kernel's address
/// events on both hosts, so even a short overlap is seen.
/// </summary>
public sealed class CannotAdvertiseTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(6);
    private static readonly VrrpInstanceConfig Fast = new() { Version = 3, AdvertInt = "0.1" };

    [LabFact]
    public async Task MasterLosesItsPrimaryIPv4Address_GoesToFault_BackupAloneHoldsTheVip_AndItReturns()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var a = lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 150 });
        lab.Start(DaemonKind.Vrrpd, backup, Fast with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);
        var watch = await VipWatch.StartAsync(lab, Vip4, primary, backup);

        lab.Exec(primary, "ip", "addr", "del", $"{primary.Ipv4}/24", "dev", "eth0").EnsureSuccess();

        await Eventually.Until(() => lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {backup} after {primary} lost its address", lab.Report);
        await Eventually.Until(() => a.Status().Instance("VI_1").State == "Fault", TimeSpan.FromSeconds(2), $"{primary} in Fault", lab.Report);
        await Eventually.Holds(() => !lab.HasAddress(primary, Vip4), TimeSpan.FromSeconds(2), $"{Vip4} stays off {primary} while it cannot advertise", lab.Report);
        Assert.Contains("no IPv4 address on eth0", a.Status().Json, StringComparison.Ordinal);

        lab.Exec(primary, "ip", "addr", "add", $"{primary.Ipv4}/24", "dev", "eth0").EnsureSuccess();

        // Fault -> Backup, then priority 150 preempts the backup's 100.
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), Settle,
            $"{Vip4} back on {primary} alone once its address returned", lab.Report);
        await watch.StopAsync();
        Assert.True(watch.LongestDualMaster <= TimeSpan.FromMilliseconds(20),
            $"both hosts held {Vip4} for {watch.LongestDualMaster.TotalMilliseconds:0.0} ms:\n{watch.Changes}\n{lab.Report()}");
        Assert.Contains("source address", a.Log, StringComparison.Ordinal);
    }

    [LabFact]
    public async Task MasterLosesItsIPv6LinkLocalAddress_GoesToFault_AndReturnsWhenItIsBack()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var v6 = Fast with { VirtualAddresses = [$"{Vip6}/64"] };
        var a = lab.Start(DaemonKind.Vrrpd, primary, v6 with { Priority = 150 });
        lab.Start(DaemonKind.Vrrpd, backup, v6 with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip6), Settle, $"{Vip6} on {primary}", lab.Report);
        var linkLocal = lab.LinkLocalOf(primary);
        var watch = await VipWatch.StartAsync(lab, Vip6, primary, backup);

        lab.Exec(primary, "ip", "addr", "del", $"{linkLocal}/64", "dev", "eth0").EnsureSuccess();

        await Eventually.Until(() => lab.HasAddress(backup, Vip6) && !lab.HasAddress(primary, Vip6), Settle,
            $"{Vip6} on {backup} alone after {primary} lost its link-local address", lab.Report);
        await Eventually.Until(() => a.Status().Instance("VI_1").State == "Fault", TimeSpan.FromSeconds(2), $"{primary} in Fault", lab.Report);
        Assert.Contains("no IPv6 link-local address on eth0", a.Status().Json, StringComparison.Ordinal);

        lab.Exec(primary, "ip", "addr", "add", $"{linkLocal}/64", "dev", "eth0", "nodad").EnsureSuccess();

        await Eventually.Until(() => lab.HasAddress(primary, Vip6) && !lab.HasAddress(backup, Vip6), Settle,
            $"{Vip6} back on {primary} alone once its link-local address returned", lab.Report);
        await watch.StopAsync();
        Assert.True(watch.LongestDualMaster <= TimeSpan.FromMilliseconds(20),
            $"both hosts held {Vip6} for {watch.LongestDualMaster.TotalMilliseconds:0.0} ms:\n{watch.Changes}\n{lab.Report()}");
    }

    [LabFact]
    public async Task MasterWhoseAdvertsCannotBeSent_ResignsBeforeTheBackupTakesOver_AndRetries()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var a = lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 150 });
        lab.Start(DaemonKind.Vrrpd, backup, Fast with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);
        await Eventually.Holds(() => !lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(1), $"{Vip4} not on {backup}", lab.Report);
        var watch = await VipWatch.StartAsync(lab, Vip4, primary, backup);

        // A firewall that drops VRRP on output: every sendmsg fails (EPERM) while the source address stays. With a
        // bound device the kernel ignores routes that would refuse the destination, so a route cannot do this.
        lab.Exec(primary, "nft", "add table inet vrrpd_test; add chain inet vrrpd_test out { type filter hook output priority 0; }; add rule inet vrrpd_test out ip protocol 112 drop").EnsureSuccess();

        await Eventually.Until(() => lab.HasAddress(backup, Vip4) && !lab.HasAddress(primary, Vip4), Settle,
            $"{Vip4} on {backup} alone while {primary}'s adverts cannot leave", lab.Report);
        await Eventually.Until(() => a.Status().Json.Contains("cannot send advertisements", StringComparison.Ordinal),
            TimeSpan.FromSeconds(2), $"{primary} reports why it is in Fault", lab.Report);

        lab.Exec(primary, "nft", "delete table inet vrrpd_test").EnsureSuccess();

        // The retry (5 s) lifts the Fault; from Backup, priority 150 preempts again.
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(12),
            $"{Vip4} back on {primary} alone once its adverts can leave", lab.Report);
        await watch.StopAsync();
        Assert.True(watch.LongestDualMaster <= TimeSpan.FromMilliseconds(60),
            $"both hosts held {Vip4} for {watch.LongestDualMaster.TotalMilliseconds:0.0} ms:\n{watch.Changes}\n{lab.Report()}");
    }
}
