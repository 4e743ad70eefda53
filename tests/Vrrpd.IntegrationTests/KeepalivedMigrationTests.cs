using System.Text.Json;
using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests;

/// <summary>
/// A keepalived pair moved to vrrpd one host at a time: both hosts keep the same keepalived.conf, an IPv4 instance
/// with no <c>version</c> line and no <c>authentication</c>. Both daemons must speak the same protocol (keepalived's
/// default, VRRPv2) and elect exactly one Master; with vrrpd's old v3 default each ignored the other's adverts and
/// both held the VIP.
/// </summary>
public sealed class KeepalivedMigrationTests
{
    /// <summary>keepalived's Master_Down_Interval at advert_int 1 and priority 100 is 3.61 s; both start as Backup.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(8);

    private static readonly TimeSpan DownIntervalAndMargin = TimeSpan.FromSeconds(3.61 + 1);

    [LabTheory(NeedsKeepalived = true)]
    [InlineData(DaemonKind.Vrrpd, DaemonKind.Keepalived)]
    [InlineData(DaemonKind.Keepalived, DaemonKind.Vrrpd)]
    public async Task SameFileWithNoVersion_ElectsExactlyOneMaster(DaemonKind higherKind, DaemonKind lowerKind)
    {
        await using var lab = Lab.Create(2);
        var (higher, lower) = (lab[1], lab[2]);
        // The same file on both hosts but for the priority: no version line, IPv4, advert_int 1, no authentication.
        var config = new VrrpInstanceConfig { Version = null, AdvertInt = "1" };
        Assert.DoesNotContain("version", config.ToConfigText(), StringComparison.Ordinal);
        using var capture = await Capture.StartOnSwitchAsync(lab, "ip proto 112");
        var daemons = new Dictionary<DaemonKind, DaemonProcess>
        {
            [higherKind] = lab.Start(higherKind, higher, config with { Priority = 150 }),
            [lowerKind] = lab.Start(lowerKind, lower, config with { Priority = 100 }),
        };

        await Eventually.Until(() => lab.HasAddress(higher, Vip4), Settle, $"{Vip4} on {higherKind} ({higher})", lab.Report);
        var settled = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        // Longer than the lower host's Master_Down_Interval: it hears the higher one's adverts and stays Backup.
        await Eventually.Holds(() => lab.HasAddress(higher, Vip4) && !lab.HasAddress(lower, Vip4), DownIntervalAndMargin,
            $"{Vip4} on {higherKind} ({higher}) only, not on {lowerKind} ({lower})", lab.Report);

        // vrrpd's own view agrees: Master on the higher host, else Backup following the higher host; VRRPv2.
        var vrrpd = daemons[DaemonKind.Vrrpd];
        var status = vrrpd.Status();
        var instance = status.Instance("VI_1");
        var expectedState = higherKind == DaemonKind.Vrrpd ? "Master" : "Backup";
        Assert.True(instance.State == expectedState, $"vrrpd on {vrrpd.Host} is {instance.State}, expected {expectedState}\n{status.Json}\n{lab.Report()}");
        if (expectedState == "Backup")
        {
            Assert.True(instance.MasterAddress == higher.Ipv4.ToString(), $"vrrpd follows {instance.MasterAddress}, expected {higher.Ipv4}\n{status.Json}");
        }

        Assert.Equal(2, InstanceVersion(status.Json, "VI_1"));

        // The wire agrees: every advert is VRRPv2, and once settled only the higher host sends.
        var adverts = capture.Read("vrrp", "ip.src", "vrrp.version", "vrrp.prio");
        var dump = $"\n{string.Join('\n', adverts)}\n{lab.Report()}";
        Assert.True(adverts.Count >= 3, $"only {adverts.Count} adverts captured{dump}");
        Assert.All(adverts, p => Assert.True(p["vrrp.version"] == "2", $"a VRRPv{p["vrrp.version"]} advert from {p["ip.src"]}{dump}"));
        var afterSettling = adverts.Where(p => p.Time > settled + 0.5).ToList();
        Assert.True(afterSettling.Count >= 3, $"only {afterSettling.Count} adverts after settling{dump}");
        Assert.All(afterSettling, p =>
        {
            Assert.True(p["ip.src"] == higher.Ipv4.ToString(), $"an advert from {p["ip.src"]} after settling: two Masters{dump}");
            Assert.Equal("150", p["vrrp.prio"]);
        });
    }

    private static int InstanceVersion(string statusJson, string name)
    {
        using var document = JsonDocument.Parse(statusJson);
        return document.RootElement.GetProperty("instances").EnumerateArray()
            .First(i => i.GetProperty("name").GetString() == name)
            .GetProperty("version").GetInt32();
    }
}
