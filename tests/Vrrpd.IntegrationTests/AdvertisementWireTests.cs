using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests;

/// <summary>What vrrpd puts on the wire, as an independent dissector (tshark) reads it.</summary>
public sealed class AdvertisementWireTests
{
    [LabTheory]
    [InlineData(2, "ipv4")]
    [InlineData(3, "ipv4")]
    [InlineData(3, "ipv6")]
    public async Task Adverts_DissectWithGoodChecksum_Ttl255_AndBecomingMasterAnnouncesTheVip(int version, string family)
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var ipv6 = family == "ipv6";
        var vip = ipv6 ? Vip6 : Vip4;
        var config = new VrrpInstanceConfig
        {
            Version = version,
            AdvertInt = version == 3 ? "0.1" : "1",
            AuthPass = version == 2 ? "secret1" : null,
            Priority = 200,
            VirtualAddresses = [ipv6 ? $"{Vip6}/64" : $"{Vip4}/24"],
        };
        using var capture = await Capture.StartAsync(lab, host);
        lab.Start(DaemonKind.Vrrpd, host, config);

        await Eventually.Until(() => lab.HasAddress(host, vip), TimeSpan.FromSeconds(6), $"{vip} on the lone {host}", lab.Report);
        await Task.Delay(TimeSpan.FromSeconds(version == 3 ? 0.5 : 2.5)); // a few adverts

        var hopLimit = ipv6 ? "ipv6.hlim" : "ip.ttl";
        var adverts = capture.Read("vrrp", hopLimit, "vrrp.version", "vrrp.prio", "vrrp.checksum.status");
        var dump = $"\n{capture.Dissect("vrrp")}\n{lab.Report()}";
        Assert.True(adverts.Count >= 2, $"only {adverts.Count} adverts captured{dump}");
        Assert.All(adverts, p =>
        {
            // RFC 5798 §5.1.1.3 / §5.1.2.3: TTL / Hop Limit 255; the checksum is verified by tshark (1 = Good).
            Assert.True(p[hopLimit] == "255", $"{hopLimit} {p[hopLimit]}{dump}");
            Assert.True(p["vrrp.checksum.status"] == "1", $"checksum status {p["vrrp.checksum.status"]} is not Good{dump}");
            Assert.Equal(version.ToString(), p["vrrp.version"]);
            Assert.Equal("200", p["vrrp.prio"]);
        });

        if (ipv6)
        {
            // RFC 5798 §6.4.1: a new IPv6 Master sends an unsolicited Neighbor Advertisement for each VIP.
            var announcements = capture.Read($"icmpv6.type == 136 && icmpv6.nd.na.target_address == {Vip6}",
                "ipv6.hlim", "icmpv6.nd.na.flag.s", "icmpv6.checksum.status");
            Assert.True(announcements.Count >= 1, $"no unsolicited NA for {Vip6}{dump}");
            Assert.All(announcements, p =>
            {
                Assert.Equal("255", p["ipv6.hlim"]);
                Assert.Equal("0", p["icmpv6.nd.na.flag.s"]); // unsolicited: Solicited flag clear
                Assert.Equal("1", p["icmpv6.checksum.status"]);
            });
        }
        else
        {
            // RFC 5798 §6.4.1: a new IPv4 Master broadcasts a gratuitous ARP for each VIP.
            var announcements = capture.Read($"arp.isgratuitous == 1 && arp.src.proto_ipv4 == {Vip4}", "eth.dst");
            Assert.True(announcements.Count >= 1, $"no gratuitous ARP for {Vip4}{dump}");
            Assert.All(announcements, p => Assert.Equal("ff:ff:ff:ff:ff:ff", p["eth.dst"]));
        }
    }
}
