using System.Text.Json;
using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Health;

/// <summary>
/// vrrp_track_neighbor in a three-host lab: h3 plays the gateway (192.0.2.1), h1 (priority 150) and h2 (100) run
/// vrrpd tracking it. The gateway is cut off from h1 only, by a netdev ingress rule on h3 that drops every frame
/// from h1's MAC (ARP and ICMP alike); VRRP between h1 and h2 does not pass h3 and is untouched.
/// </summary>
public sealed class NeighborTrackerTests
{
    private const string Gateway = "192.0.2.1";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(8);

    private static readonly VrrpInstanceConfig Fast = new() { Version = 3, AdvertInt = "0.1" };

    /// <summary>The instance plus a vrrp_track_neighbor block named gw and its track_neighbor entry.</summary>
    private static string WithNeighbor(VrrpInstanceConfig instance, string trackerLines, string trackLine = "gw")
    {
        var text = instance.ToConfigText().TrimEnd();
        var body = text[..text.LastIndexOf('}')];
        return $$"""
            vrrp_track_neighbor gw {
            {{trackerLines}}
            }

            {{body}}    track_neighbor {
                    {{trackLine}}
                }
            }

            """;
    }

    private static Lab GatewayLab()
    {
        var lab = Lab.Create(3);
        lab.Exec(lab[3], "ip", "addr", "add", Gateway + "/24", "dev", "eth0").EnsureSuccess();
        return lab;
    }

    private static void CutFromGateway(Lab lab, LabHost host)
    {
        string mac = lab.Exec(host, "cat", "/sys/class/net/eth0/address").EnsureSuccess().StdOut.Trim();
        lab.Exec(lab[3], "nft", $"add table netdev vrrpd_cut; add chain netdev vrrpd_cut in {{ type filter hook ingress device eth0 priority 0; }}; add rule netdev vrrpd_cut in ether saddr {mac} drop")
            .EnsureSuccess();
    }

    private static void RestoreGateway(Lab lab) => lab.Exec(lab[3], "nft", "delete table netdev vrrpd_cut").EnsureSuccess();

    private static JsonElement Check(DaemonProcess daemon)
    {
        using var document = JsonDocument.Parse(daemon.Status().Json);
        var instance = document.RootElement.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "VI_1");
        return instance.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "gw").Clone();
    }

    private static string State(DaemonProcess daemon) => Check(daemon).GetProperty("state").GetString()!;

    private static Task CutMovesVipToBackup_AndBackOnRestore(Lab lab, string trackerLines, string trackLine, string expectedPrimaryState) =>
        CutMovesVipToBackup_AndBackOnRestore(lab, trackerLines, trackLine, expectedPrimaryState, Gateway);

    private static async Task CutMovesVipToBackup_AndBackOnRestore(Lab lab, string trackerLines, string trackLine, string expectedPrimaryState, string gateway)
    {
        var (primary, backup) = (lab[1], lab[2]);
        var a = lab.StartVrrpd(primary, WithNeighbor(Fast with { Priority = 150 }, trackerLines, trackLine));
        var b = lab.StartVrrpd(backup, WithNeighbor(Fast with { Priority = 100 }, trackerLines, trackLine));
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && State(a) == "ok" && State(b) == "ok", Settle,
            $"{Vip4} on {primary} with gw ok on both", lab.Report);
        Assert.Equal("neighbor", Check(a).GetProperty("kind").GetString());
        Assert.Contains($"{gateway} answered on eth0", Check(a).GetProperty("reason").GetString());

        CutFromGateway(lab, primary);

        // fall 3 × interval 0.1 s, then Fault (or 90 < 100) and the backup's Skew_Time or down interval.
        var took = await Eventually.Until(() => lab.HasAddress(backup, Vip4) && !lab.HasAddress(primary, Vip4), Settle,
            $"{Vip4} moves to {backup} once {primary} cannot reach {gateway}", lab.Report);
        Assert.True(took < TimeSpan.FromSeconds(3), $"takeover took {took.TotalSeconds:0.000} s\n{lab.Report()}");
        var check = Check(a);
        Assert.Equal("failed", check.GetProperty("state").GetString());
        Assert.Contains($"{gateway} did not answer", check.GetProperty("reason").GetString());
        Assert.Equal(expectedPrimaryState, a.Status().Instance("VI_1").State);
        Assert.Equal("ok", State(b));

        RestoreGateway(lab);

        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), Settle,
            $"{Vip4} back on {primary} after the gateway answers again", lab.Report);
        Assert.Equal("ok", State(a));
    }

    [LabFact]
    public async Task ArpWeightZero_PrimaryCutFromGateway_GoesToFault_VipMovesAndReturns()
    {
        await using var lab = GatewayLab();
        await CutMovesVipToBackup_AndBackOnRestore(lab, $"    address {Gateway}\n    interval 0.1\n    fall 3\n    rise 2", "gw", "Fault");
    }

    [LabFact]
    public async Task IcmpNegativeWeight_PrimaryCutFromGateway_DropsBelowBackup_VipMovesAndReturns()
    {
        await using var lab = GatewayLab();
        await CutMovesVipToBackup_AndBackOnRestore(lab,
            $"    address {Gateway}\n    method icmp\n    interval 0.1\n    timeout 0.05\n    fall 3\n    rise 2", "gw weight -60", "Backup");
    }

    [LabFact]
    public async Task NoAddress_ProbesTheDefaultGateway_FromTheMainRoutingTable()
    {
        await using var lab = GatewayLab();
        foreach (var host in new[] { lab[1], lab[2] })
            lab.Exec(host, "ip", "route", "add", "default", "via", Gateway, "dev", "eth0").EnsureSuccess();
        await CutMovesVipToBackup_AndBackOnRestore(lab, "    interval 0.1\n    fall 3\n    rise 2", "gw", "Fault");
    }

    [LabFact]
    public async Task NoAddress_AndNoDefaultRoute_FailsWithTheReason()
    {
        await using var lab = GatewayLab();
        var a = lab.StartVrrpd(lab[1], WithNeighbor(Fast with { Priority = 150 }, "    interval 0.1"));
        await Eventually.Until(() => State(a) == "failed", Settle, "gw failed without a default route", lab.Report);
        Assert.Contains("no IPv4 default route", Check(a).GetProperty("reason").GetString());
        Assert.Equal("Fault", a.Status().Instance("VI_1").State);
    }

    [LabFact]
    public async Task Ipv6NeighborSolicitation_PrimaryCutFromGateway_GoesToFault_VipMovesAndReturns()
    {
        await using var lab = GatewayLab();
        var gateway = lab[3].Ipv6.ToString();
        await CutMovesVipToBackup_AndBackOnRestore(lab, $"    address {gateway}\n    interval 0.1\n    fall 3\n    rise 2", "gw", "Fault", gateway);
    }

    [LabFact]
    public async Task Ipv6IcmpEcho_PrimaryCutFromGateway_DropsBelowBackup_VipMovesAndReturns()
    {
        await using var lab = GatewayLab();
        var gateway = lab[3].Ipv6.ToString();
        await CutMovesVipToBackup_AndBackOnRestore(lab, $"    address {gateway}\n    method icmp\n    interval 0.1\n    fall 3\n    rise 2",
            "gw weight -60", "Backup", gateway);
    }

    [LabFact]
    public async Task SeveralAddresses_AllMustAnswer_UnlessQuorum_AndTheSilentOneIsNamed()
    {
        await using var lab = GatewayLab();
        const string Silent = "192.0.2.99"; // on the segment, but no host has it
        var lines = $"    address {Gateway} {Silent}\n    interface eth0\n    interval 0.1";
        var all = lab.StartVrrpd(lab[1], WithNeighbor(Fast with { Priority = 150 }, lines));
        var quorum = lab.StartVrrpd(lab[2], WithNeighbor(Fast with { Priority = 100 }, lines + "\n    quorum 1"));

        await Eventually.Until(() => State(all) == "failed" && State(quorum) == "ok", Settle, "gw failed on h1 (all) and ok on h2 (quorum 1)", lab.Report);
        Assert.Contains($"1 of 2 answered: {Silent} did not answer the ARP request on eth0 within 100 ms", Check(all).GetProperty("reason").GetString());
        Assert.Contains($"1 of 2 answered, quorum 1: {Gateway} answered on eth0", Check(quorum).GetProperty("reason").GetString());
        await Eventually.Until(() => lab.HasAddress(lab[2], Vip4) && !lab.HasAddress(lab[1], Vip4), Settle, $"{Vip4} on h2, the only healthy host", lab.Report);
    }
}
