using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests;

/// <summary>
/// The Linux-edge duties of issue 2 beyond the election itself: link watching (Fault), VIP reconciliation,
/// interfaces that appear late, notify commands and sync groups, each on real namespaces with real vrrpd.
/// </summary>
public sealed class VrrpdRobustnessTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(6);

    private static readonly VrrpInstanceConfig Fast = new() { Version = 3, AdvertInt = "0.1" };

    [LabFact]
    public async Task MasterLinkDown_EntersFault_BackupTakesOver_AndLinkUpPreemptsBack()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var a = lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 150 });
        lab.Start(DaemonKind.Vrrpd, backup, Fast with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);

        lab.LinkDown(primary);

        await Eventually.Until(() => lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {backup} after {primary}'s link went down", lab.Report);
        await Eventually.Until(() => a.Status().Instance("VI_1").State == "Fault", TimeSpan.FromSeconds(2), $"{primary} in Fault", lab.Report);
        Assert.False(lab.HasAddress(primary, Vip4), $"Fault withdraws the VIP\n{lab.Report()}");
        Assert.Contains("interface eth0 down", a.Status().Json, StringComparison.Ordinal);

        lab.LinkUp(primary);

        // Fault -> Backup with a fresh down timer; priority 150 then preempts the backup's 100.
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), Settle,
            $"{Vip4} back on {primary} only after its link came up", lab.Report);
        Assert.Equal("Master", a.Status().Instance("VI_1").State);
        // The recovery is logged with its own cause, not the fault that ended.
        Assert.Contains("Fault -> Backup (interface eth0 up)", a.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Fault -> Backup (interface eth0 down)", a.Log, StringComparison.Ordinal);
    }

    [LabFact]
    public async Task VipDeletedByHandWhileMaster_IsRestored()
    {
        await using var lab = Lab.Create(2);
        var primary = lab[1];
        lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 150 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);

        lab.Exec(primary, "ip", "addr", "del", $"{Vip4}/24", "dev", "eth0").EnsureSuccess();

        // Netlink reports the deletion at once; the periodic reconciliation (1 s) is the backstop.
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), TimeSpan.FromSeconds(3), $"{Vip4} restored on {primary}", lab.Report);
    }

    [LabFact]
    public async Task UnicastPeers_ElectAndFailOver_WithoutMulticast()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var unicast = Fast with { UnicastSourceIp = null };
        var a = lab.Start(DaemonKind.Vrrpd, primary, unicast with
        {
            Priority = 150, UnicastSourceIp = primary.Ipv4.ToString(), UnicastPeers = [backup.Ipv4.ToString()],
        });
        lab.Start(DaemonKind.Vrrpd, backup, unicast with
        {
            Priority = 100, UnicastSourceIp = backup.Ipv4.ToString(), UnicastPeers = [primary.Ipv4.ToString()],
        });
        using var capture = await Capture.StartAsync(lab, backup, "ip proto 112");
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);
        await Eventually.Holds(() => !lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(1), $"{Vip4} not on {backup}", lab.Report);

        a.Kill();

        await Eventually.Until(() => lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {backup} after {primary} was killed", lab.Report);
        var adverts = capture.Read("vrrp", "ip.src", "ip.dst");
        Assert.NotEmpty(adverts);
        Assert.All(adverts, p => Assert.NotEqual("224.0.0.18", p["ip.dst"]));
        Assert.Contains(adverts, p => p["ip.src"] == primary.Ipv4.ToString() && p["ip.dst"] == backup.Ipv4.ToString());
    }

    [LabFact]
    public async Task NotifyMaster_RunsTheCommandWithItsArguments_WithoutAShell()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var marker = Path.Combine(lab.WorkDirectory, "notified");
        // argv, not a shell line: the quoted argument arrives as one word, `>` is not a redirection.
        var config = (Fast with { Priority = 150 }).ToConfigText().Replace(
            "    virtual_ipaddress {",
            $"    notify_master \"/usr/bin/touch '{marker}'\"\n    virtual_ipaddress {{",
            StringComparison.Ordinal);
        lab.StartVrrpd(host, config);

        await Eventually.Until(() => File.Exists(marker), Settle, $"notify_master created {marker}", lab.Report);
        Assert.True(lab.HasAddress(host, Vip4), lab.Report());
    }

    [LabFact]
    public async Task InterfaceMissingAtStart_InstanceIsInFault_UntilItAppears()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var daemon = lab.StartVrrpd(host, (Fast with { Interface = "eth1", Priority = 150, VirtualAddresses = ["198.51.100.100/24"] }).ToConfigText());
        await Eventually.Until(() => daemon.Status().Instance("VI_1").State == "Fault", Settle, "VI_1 in Fault while eth1 is missing", lab.Report);

        // A second link for the host, born in the switch namespace like eth0, with its own address.
        lab.ExecOnSwitch("ip", "link", "add", "q1", "type", "veth", "peer", "name", "eth1", "netns", host.Namespace).EnsureSuccess();
        lab.ExecOnSwitch("ip", "link", "set", "q1", "up").EnsureSuccess();
        lab.Exec(host, "ip", "addr", "add", "198.51.100.11/24", "dev", "eth1").EnsureSuccess();
        lab.Exec(host, "ip", "link", "set", "eth1", "up").EnsureSuccess();

        await Eventually.Until(() => daemon.Status().Instance("VI_1").State == "Master", Settle, "VI_1 Master once eth1 exists (no other router)", lab.Report);
        Assert.Contains("198.51.100.100", lab.Exec(host, "ip", "-br", "addr", "show", "dev", "eth1").StdOut, StringComparison.Ordinal);
    }

    [LabFact]
    public async Task SyncGroup_OneMemberFaulting_MovesTheWholeGroup()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        // On the primary, VI_6 also tracks a local veth pair (trk0/trk1); bringing trk0 down faults VI_6 only,
        // and the sync group must take VI_1 out of Master with it (docs/design/keepalived-compatibility.md §5).
        lab.Exec(primary, "ip", "link", "add", "trk0", "type", "veth", "peer", "name", "trk1").EnsureSuccess();
        lab.Exec(primary, "ip", "link", "set", "trk0", "up").EnsureSuccess();
        lab.Exec(primary, "ip", "link", "set", "trk1", "up").EnsureSuccess();
        lab.StartVrrpd(primary, GroupConfig(150, trackLink: "trk0"));
        lab.StartVrrpd(backup, GroupConfig(100, trackLink: null));
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && lab.HasAddress(primary, Vip6), Settle, $"both VIPs on {primary}", lab.Report);

        lab.Exec(primary, "ip", "link", "set", "trk0", "down").EnsureSuccess();

        await Eventually.Until(() => lab.HasAddress(backup, Vip4) && lab.HasAddress(backup, Vip6), Settle, $"both VIPs on {backup}", lab.Report);
        Assert.False(lab.HasAddress(primary, Vip4), $"the healthy member VI_1 followed its group out of Master\n{lab.Report()}");
    }

    private static string GroupConfig(int priority, string? trackLink)
    {
        var v4 = (Fast with { Name = "VI_1", Priority = priority }).ToConfigText();
        var v6 = (Fast with { Name = "VI_6", VirtualRouterId = 52, Priority = priority, VirtualAddresses = [$"{Vip6}/64"] }).ToConfigText();
        if (trackLink is not null)
        {
            v6 = v6.Replace("    virtual_ipaddress {", $"    track_interface {{\n        {trackLink}\n    }}\n    virtual_ipaddress {{", StringComparison.Ordinal);
        }

        return v4 + v6 + "vrrp_sync_group G {\n    group {\n        VI_1\n        VI_6\n    }\n}\n";
    }
}
