using System.Net;
using System.Net.Sockets;
using System.Text;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

/// <summary>The per-instance rules of RFC 3768 / 5798 / 9568 §7.1 and keepalived's extra checks.</summary>
public class AdvertisementReceiveCheckTests
{
    private static readonly IPAddress Group4 = IPAddress.Parse("224.0.0.18");
    private static readonly IPAddress Peer4 = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Local4 = IPAddress.Parse("192.0.2.2");

    [Fact]
    public void MatchingV3Advert_IsAccepted_WithoutWarnings()
    {
        CapturedMessage k1 = ReferenceVectors.Get("K1");
        AdvertisementPacket packet = k1.Decode();

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(k1.ToDatagram(), packet, Policies.Matching(packet));

        Assert.True(verdict.Accepted);
        Assert.Equal(DropReason.None, verdict.Reason);
        Assert.Equal(ReceiveWarnings.None, verdict.Warnings);
        Assert.Equal("accepted", verdict.Message);
    }

    [Fact]
    public void MulticastAdvertWithTtl254_IsDropped()
    {
        CapturedMessage k1 = ReferenceVectors.Get("K1");
        AdvertisementPacket packet = k1.Decode();

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(k1.ToDatagram(hopLimit: 254), packet, Policies.Matching(packet));

        Assert.False(verdict.Accepted);
        Assert.Equal(DropReason.TtlNot255, verdict.Reason);
        Assert.Equal("TTL is 254; must be 255", verdict.Message);
    }

    [Fact]
    public void UnicastAdvertWithTtl64_AndNoPeerTtlRange_IsAccepted()
    {
        (CapturedMessage message, AdvertisementPacket packet) = V3Ipv4To(Local4);
        ReceivePolicy unicast = Policies.Matching(packet) with { Multicast = false, UnicastPeers = [new UnicastPeer(Peer4)] };

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(message.ToDatagram(hopLimit: 64), packet, unicast);

        Assert.True(verdict.Accepted, verdict.Message);
    }

    [Fact]
    public void V2AdvertToAV3Instance_IsDroppedAsVersionMismatch()
    {
        CapturedMessage k5 = ReferenceVectors.Get("K5");
        AdvertisementPacket packet = k5.Decode();

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(k5.ToDatagram(), packet, Policies.Matching(packet) with { Version = VrrpVersion.V3 });

        Assert.Equal(DropReason.VersionMismatch, verdict.Reason);
        Assert.Equal("version 2; this instance runs version 3", verdict.Message);
    }

    [Fact]
    public void AdvertForAnotherVrid_IsDropped()
    {
        CapturedMessage k1 = ReferenceVectors.Get("K1");
        AdvertisementPacket packet = k1.Decode();

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(k1.ToDatagram(), packet, Policies.Matching(packet) with { VirtualRouterId = 52 });

        Assert.Equal(DropReason.UnknownVirtualRouterId, verdict.Reason);
    }

    [Fact]
    public void V2PassAdvert_WithTheConfiguredPassword_IsAccepted()
    {
        (CapturedMessage message, AdvertisementPacket packet) = V2PassAdvert("secret");

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(message.ToDatagram(), packet, Policies.Matching(packet, password: "secret"));

        Assert.True(verdict.Accepted, verdict.Message);
    }

    [Fact]
    public void V2PassAdvert_WithAnotherPassword_FailsAuthentication()
    {
        (CapturedMessage message, AdvertisementPacket packet) = V2PassAdvert("secreT");

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(message.ToDatagram(), packet, Policies.Matching(packet, password: "secret"));

        Assert.Equal(DropReason.AuthFailed, verdict.Reason);
    }

    [Fact]
    public void V2Password_LongerThanEightBytes_IsComparedOnItsFirstEight_AsKeepalivedTruncatesIt()
    {
        (CapturedMessage message, AdvertisementPacket packet) = V2PassAdvert("abcdefgh");

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(message.ToDatagram(), packet, Policies.Matching(packet, password: "abcdefghij"));

        Assert.True(verdict.Accepted, verdict.Message);
    }

    [Fact]
    public void V2PassAdvert_ToAnInstanceWithoutAuthentication_IsDroppedAsAuthTypeMismatch()
    {
        (CapturedMessage message, AdvertisementPacket packet) = V2PassAdvert("secret");

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(message.ToDatagram(), packet, Policies.Matching(packet) with { AuthType = 0 });

        Assert.Equal(DropReason.AuthTypeMismatch, verdict.Reason);
    }

    [Fact]
    public void V2AuthData_IsIgnoredWhenAuthTypeIsNone()
    {
        CapturedMessage k5 = ReferenceVectors.Get("K5");
        AdvertisementPacket packet = k5.Decode();

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(k5.ToDatagram(), packet, Policies.Matching(packet, password: "ignored"));

        Assert.True(verdict.Accepted, verdict.Message);
    }

    [Fact]
    public void V3IntervalDifferentFromLocal_IsAccepted_AndFlagged()
    {
        CapturedMessage k1 = ReferenceVectors.Get("K1");
        AdvertisementPacket packet = k1.Decode();

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(
            k1.ToDatagram(), packet, Policies.Matching(packet) with { AdvertisementInterval = TimeSpan.FromMilliseconds(50) });

        Assert.True(verdict.Accepted);
        Assert.True(verdict.IntervalMismatch);
        Assert.False(verdict.AddressListMismatch);
        Assert.Equal("advertisement interval 100 cs differs from ours (5 cs)", verdict.Message);
    }

    [Fact]
    public void UnicastDestination_InMulticastMode_IsDropped()
    {
        (CapturedMessage message, AdvertisementPacket packet) = V3Ipv4To(Local4);

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(message.ToDatagram(), packet, Policies.Matching(packet));

        Assert.Equal(DropReason.DestinationModeMismatch, verdict.Reason);
    }

    [Fact]
    public void MulticastDestination_InUnicastMode_IsDropped()
    {
        CapturedMessage k1 = ReferenceVectors.Get("K1");
        AdvertisementPacket packet = k1.Decode();
        ReceivePolicy unicast = Policies.Matching(packet) with { Multicast = false, UnicastPeers = [new UnicastPeer(Peer4)] };

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(k1.ToDatagram(), packet, unicast);

        Assert.Equal(DropReason.DestinationModeMismatch, verdict.Reason);
    }

    [Fact]
    public void V2AddressListMismatch_FromANonOwner_IsDropped()
    {
        CapturedMessage k5 = ReferenceVectors.Get("K5");
        AdvertisementPacket packet = k5.Decode();

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(
            k5.ToDatagram(), packet, Policies.Matching(packet) with { VirtualAddresses = [IPAddress.Parse("192.0.2.99")] });

        Assert.Equal(DropReason.AddressListMismatch, verdict.Reason);
        Assert.Equal("address list [192.0.2.53] differs from ours [192.0.2.99]", verdict.Message);
    }

    [Fact]
    public void V2AddressListMismatch_FromTheOwner_IsAccepted_AndFlagged()
    {
        AdvertisementPacket owner = Build(VrrpVersion.V2, priority: 255, "192.0.2.53");
        CapturedMessage message = Encode(owner, Peer4, Group4);

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(
            message.ToDatagram(), message.Decode(), Policies.Matching(owner) with { VirtualAddresses = [IPAddress.Parse("192.0.2.99")] });

        Assert.True(verdict.Accepted);
        Assert.True(verdict.AddressListMismatch);
    }

    [Fact]
    public void V3AddressListMismatch_IsAccepted_AndFlagged()
    {
        CapturedMessage k3 = ReferenceVectors.Get("K3");
        AdvertisementPacket packet = k3.Decode();

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(
            k3.ToDatagram(), packet, Policies.Matching(packet) with { VirtualAddresses = [IPAddress.Parse("fe80::52")] });

        Assert.True(verdict.Accepted);
        Assert.True(verdict.AddressListMismatch);
        Assert.Equal(DropReason.None, verdict.Reason);
    }

    [Fact]
    public void AddressListInAnotherOrder_IsNoMismatch()
    {
        CapturedMessage k3 = ReferenceVectors.Get("K3");
        AdvertisementPacket packet = k3.Decode();

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(
            k3.ToDatagram(), packet, Policies.Matching(packet) with { VirtualAddresses = packet.Addresses.Reverse().ToArray() });

        Assert.True(verdict.Accepted);
        Assert.Equal(ReceiveWarnings.None, verdict.Warnings);
    }

    [Fact]
    public void UnicastSourceNotAPeer_WithCheckUnicastSource_IsDropped()
    {
        (CapturedMessage message, AdvertisementPacket packet) = V3Ipv4To(Local4);
        ReceivePolicy policy = Policies.Matching(packet) with
        {
            Multicast = false, UnicastPeers = [new UnicastPeer(IPAddress.Parse("192.0.2.3"))], CheckUnicastSource = true,
        };

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(message.ToDatagram(), packet, policy);

        Assert.Equal(DropReason.UnicastSourceNotPeer, verdict.Reason);
        Assert.Equal("source 192.0.2.1 is not a configured unicast peer", verdict.Message);
    }

    [Fact]
    public void UnicastSourceNotAPeer_WithoutCheckUnicastSource_IsAccepted()
    {
        (CapturedMessage message, AdvertisementPacket packet) = V3Ipv4To(Local4);
        ReceivePolicy policy = Policies.Matching(packet) with { Multicast = false, UnicastPeers = [new UnicastPeer(IPAddress.Parse("192.0.2.3"))] };

        Assert.True(AdvertisementReceiveCheck.Check(message.ToDatagram(), packet, policy).Accepted);
    }

    [Fact]
    public void LinkLocalPeerWithScopeId_MatchesTheConfiguredPeerWithout()
    {
        IPAddress scopedSource = IPAddress.Parse("fe80::ff:fe00:a01%2");
        IPAddress localUnicast = IPAddress.Parse("fe80::ff:fe00:a02%2");
        AdvertisementPacket advert = Build(VrrpVersion.V3, priority: 150, "fe80::52");
        CapturedMessage message = Encode(advert, scopedSource, localUnicast);
        ReceivePolicy policy = Policies.Matching(advert) with
        {
            Multicast = false, UnicastPeers = [new UnicastPeer(IPAddress.Parse("fe80::ff:fe00:a01"))], CheckUnicastSource = true,
        };

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(message.ToDatagram(), message.Decode(), policy);

        Assert.True(verdict.Accepted, verdict.Message);
    }

    [Theory]
    [InlineData(64, DropReason.UnicastTtlOutOfRange)]
    [InlineData(249, DropReason.UnicastTtlOutOfRange)]
    [InlineData(250, DropReason.None)]
    [InlineData(255, DropReason.None)]
    public void UnicastPeerTtlRange_BoundsTheTtl(int ttl, DropReason expected)
    {
        (CapturedMessage message, AdvertisementPacket packet) = V3Ipv4To(Local4);
        ReceivePolicy policy = Policies.Matching(packet) with { Multicast = false, UnicastPeers = [new UnicastPeer(Peer4, MinTtl: 250)] };

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(message.ToDatagram(hopLimit: ttl), packet, policy);

        Assert.Equal(expected, verdict.Reason);
    }

    [Fact]
    public void PeerTtlRange_ImpliesTheSourceCheck()
    {
        (CapturedMessage message, AdvertisementPacket packet) = V3Ipv4To(Local4);
        ReceivePolicy policy = Policies.Matching(packet) with
        {
            Multicast = false, UnicastPeers = [new UnicastPeer(IPAddress.Parse("192.0.2.3"), MinTtl: 250, MaxTtl: 255)],
        };

        Assert.Equal(DropReason.UnicastSourceNotPeer, AdvertisementReceiveCheck.Check(message.ToDatagram(), packet, policy).Reason);
    }

    [Fact]
    public void DecodedPacketOfAnotherFamilyThanTheDatagram_IsDropped()
    {
        CapturedMessage k1 = ReferenceVectors.Get("K1");
        AdvertisementPacket packet = k1.Decode();
        CapturedMessage k3 = ReferenceVectors.Get("K3");

        Assert.Equal(DropReason.FamilyMismatch, AdvertisementReceiveCheck.Check(k3.ToDatagram(), packet, Policies.Matching(packet)).Reason);
    }

    [Fact]
    public void DecodingCheck_ReturnsThePacket_WhenAccepted()
    {
        CapturedMessage k1 = ReferenceVectors.Get("K1");

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(k1.ToDatagram(), Policies.V3Ipv4(vrid: 51) with { LocalPriority = 100 }, out AdvertisementPacket? packet);

        Assert.True(verdict.Accepted, verdict.Message);
        Assert.Equal(150, packet!.Priority);
    }

    private static AdvertisementPacket Build(VrrpVersion version, byte priority, params string[] addresses)
    {
        AddressFamily family = IPAddress.Parse(addresses[0]).AddressFamily;
        return new AdvertisementPacket
        {
            Version = version,
            VirtualRouterId = 51,
            Priority = priority,
            AdvertisementInterval = TimeSpan.FromSeconds(1),
            Addresses = addresses.Select(IPAddress.Parse).ToArray(),
            Family = family,
        };
    }

    private static CapturedMessage Encode(AdvertisementPacket packet, IPAddress source, IPAddress destination)
    {
        var message = new CapturedMessage(packet.Family, source, destination, 255, []);
        return message with { Payload = message.Encode(packet, ChecksumForm.PseudoHeader) };
    }

    /// <summary>A v3/IPv4 advert from 192.0.2.1 sent unicast to <paramref name="destination"/> (keepalived unicast_peer).</summary>
    private static (CapturedMessage, AdvertisementPacket) V3Ipv4To(IPAddress destination)
    {
        CapturedMessage message = Encode(Build(VrrpVersion.V3, priority: 150, "192.0.2.51"), Peer4, destination);
        return (message, message.Decode());
    }

    private static (CapturedMessage, AdvertisementPacket) V2PassAdvert(string password)
    {
        AdvertisementPacket packet = new()
        {
            Version = VrrpVersion.V2,
            VirtualRouterId = 64,
            Priority = 120,
            AdvertisementInterval = TimeSpan.FromSeconds(1),
            AuthType = (byte)AuthenticationType.Pass,
            AuthData = Encoding.ASCII.GetBytes(password),
            Addresses = [IPAddress.Parse("192.0.2.64")],
            Family = AddressFamily.InterNetwork,
        };
        CapturedMessage message = Encode(packet, Peer4, Group4);
        return (message, message.Decode());
    }
}
