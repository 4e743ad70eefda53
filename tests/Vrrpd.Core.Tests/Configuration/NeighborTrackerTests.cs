using System.Net;
using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>vrrp_track_neighbor and track_neighbor.</summary>
public class NeighborTrackerTests
{
    [Fact]
    public void TrackNeighbor_Defaults_ProbeTheDefaultGatewayByArp_EverySecond()
    {
        NeighborTrackerConfig n = Assert.Single(ConfigAssert.LoadValid("vrrp_track_neighbor gw {\n}").Neighbors);

        Assert.Empty(n.Addresses);
        Assert.Null(n.Quorum);
        Assert.Equal(1, n.Required);
        Assert.Equal(NeighborProbeMethod.Arp, n.Method);
        Assert.Null(n.Interface);
        Assert.Equal(TrackerTiming.Default, n.Timing);
        Assert.Equal(new SourceLocation(ConfigAssert.FileName, 1, 1), n.Location);
    }

    [Fact]
    public void TrackNeighbor_EveryKeyword_IsRead_AndAddressesAddUpOverLines()
    {
        NeighborTrackerConfig n = Assert.Single(ConfigAssert.LoadValid("""
            vrrp_track_neighbor gw {
                address 192.0.2.1 192.0.2.2
                address 198.51.100.1
                quorum 2
                method icmp
                interface eth1
                interval 0.1
                timeout 0.05
                rise 2
                fall 3
                weight -60 reverse
                init_fail
            }
            """).Neighbors);

        Assert.Equal([IPAddress.Parse("192.0.2.1"), IPAddress.Parse("192.0.2.2"), IPAddress.Parse("198.51.100.1")], n.Addresses);
        Assert.Equal(2, n.Quorum);
        Assert.Equal(2, n.Required);
        Assert.Equal(NeighborProbeMethod.Icmp, n.Method);
        Assert.Equal("eth1", n.Interface);
        Assert.Equal(new TrackerTiming(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50), 2, 3, -60, true, true), n.Timing);
    }

    [Fact]
    public void TrackNeighbor_IPv6Addresses_AreRead_AndMixWithIPv4()
    {
        NeighborTrackerConfig n = Assert.Single(ConfigAssert.LoadValid("vrrp_track_neighbor gw {\n address 192.0.2.1 2001:db8::1\n address fe80::1\n interface eth0\n}").Neighbors);

        Assert.Equal([IPAddress.Parse("192.0.2.1"), IPAddress.Parse("2001:db8::1"), IPAddress.Parse("fe80::1")], n.Addresses);
    }

    [Fact]
    public void TrackNeighbor_LinkLocalWithoutInterface_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load("vrrp_track_neighbor gw {\n address fe80::1\n}"), 1, 1, "the link-local address fe80::1 needs 'interface'");

    [Fact]
    public void TrackNeighbor_WithoutQuorum_RequiresEveryAddress() =>
        Assert.Equal(3, Assert.Single(ConfigAssert.LoadValid("vrrp_track_neighbor gw {\n address 192.0.2.1 192.0.2.2 192.0.2.3\n}").Neighbors).Required);

    [Fact]
    public void TrackNeighbor_TimeoutDefaultsToTheInterval() =>
        Assert.Equal(TimeSpan.FromMilliseconds(50),
            Assert.Single(ConfigAssert.LoadValid("vrrp_track_neighbor gw {\n interval 0.05\n}").Neighbors).Timing.Timeout);

    [Fact]
    public void TrackNeighbor_SameAddressTwice_IsProbedOnceWithAWarning()
    {
        ConfigurationLoadResult result = ConfigAssert.Load("vrrp_track_neighbor gw {\n address 192.0.2.1\n address 192.0.2.1\n}");

        ConfigAssert.SingleWarning(result, "'address' 192.0.2.1 is listed twice");
        Assert.Single(Assert.Single(result.Configuration!.Neighbors).Addresses);
    }

    [Theory]
    [InlineData("interval 0.04", 2, 11, "'interval' expects seconds 0.05..")]
    [InlineData("interval 0", 2, 11, "'interval' expects seconds 0.05..")]
    [InlineData("timeout 0.01", 2, 10, "'timeout' in vrrp_track_neighbor gw must be at least 0.05 s")]
    [InlineData("address 192.0.2.300", 2, 10, "'address' expects IP addresses, got '192.0.2.300'")]
    [InlineData("address 192.0.2.1/24", 2, 10, "'address' expects IP addresses, got '192.0.2.1/24'")]
    [InlineData("address 192.0.2.1 ff02::1", 2, 20, "'address' expects a unicast neighbour, got 'ff02::1'")]
    [InlineData("address", 2, 2, "'address' expects one or more IPv4 or IPv6 addresses")]
    [InlineData("method ping", 2, 9, "'method' expects arp or icmp, got 'ping'")]
    [InlineData("quorum 0", 2, 9, "'quorum' expects an integer 1..64, got '0'")]
    [InlineData("address 192.0.2.1\n quorum 2", 3, 9, "'quorum' 2 in vrrp_track_neighbor gw: only 1 address(es) are listed")]
    [InlineData("quorum 2", 2, 9, "only the default gateway is probed")]
    [InlineData("rise 0", 2, 7, "'rise' expects an integer 1..1000, got '0'")]
    [InlineData("weight 300", 2, 9, "'weight' expects an integer -253..253, got '300'")]
    [InlineData("interface", 2, 2, "'interface' expects an interface name")]
    [InlineData("gateway 192.0.2.1", 2, 2, "gateway")]
    public void TrackNeighbor_BadValue_IsAnErrorAtItsPosition(string line, int row, int column, string fragment) =>
        ConfigAssert.SingleError(ConfigAssert.Load($"vrrp_track_neighbor gw {{\n {line}\n}}"), row, column, fragment);

    [Fact]
    public void TrackNeighbor_InInstance_TakesTheTrackersWeight_OrItsOwn()
    {
        VrrpdConfiguration config = ConfigAssert.LoadValid("vrrp_track_neighbor gw {\n weight -60\n}\nvrrp_track_neighbor lan {\n}\n"
            + ConfigAssert.Instance("track_neighbor {\n gw\n lan weight -10 reverse\n}"));

        Assert.Equal(
            [(TrackerKind.Neighbor, "gw", -60, false), (TrackerKind.Neighbor, "lan", -10, true)],
            config.Instances[0].Trackers.Select(t => (t.Kind, t.Name, t.Weight ?? 999, t.Reverse ?? false)));
    }

    [Fact]
    public void TrackNeighbor_NamingAnUndefinedTracker_IsAnError() =>
        Assert.Contains(ConfigAssert.Load(ConfigAssert.Instance("track_neighbor {\n gw\n}")).Errors,
            e => e.Message.Contains("track_neighbor gw in vrrp_instance VI_1: there is no vrrp_track_neighbor gw", StringComparison.Ordinal));

    [Fact]
    public void TrackNeighbor_DefinedTwice_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load("vrrp_track_neighbor gw {\n}\nvrrp_track_neighbor gw {\n}"), 3, 1, "vrrp_track_neighbor gw is defined twice");
}
