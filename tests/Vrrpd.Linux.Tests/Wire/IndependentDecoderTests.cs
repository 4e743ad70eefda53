using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using PacketDotNet;
using PacketDotNet.Ndp;
using Vrrpd.Linux.Announce;
using Vrrpd.Linux.Sockets;
using Vrrpd.Linux.Tests.Namespaces;
using Vrrpd.Protocol;

namespace Vrrpd.Linux.Tests.Wire;

/// <summary>
/// What vrrpd puts on the wire, read back by PacketDotNet, a decoder that shares no code with vrrpd: the other
/// tests compare against keepalived's bytes, which would also pass if vrrpd and its own parser agreed on a mistake.
/// Frames are captured in B of the namespace pair (sent from A), so the kernel's parts (IP header, ICMPv6 checksum)
/// are checked as well.
/// </summary>
[Collection(NamespacePairCollection.Name)]
public sealed class IndependentDecoderTests(NamespacePair pair)
{
    private static readonly PhysicalAddress Broadcast = PhysicalAddress.Parse("FF-FF-FF-FF-FF-FF");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1.5);

    [Fact]
    public void GratuitousArpFrame_DecodedByPacketDotNet_IsABroadcastRequestForTheVip()
    {
        var vip = IPAddress.Parse("192.0.2.51");
        var frame = new byte[GratuitousArpFrame.Length];
        GratuitousArpFrame.Write(frame, NamespacePair.MacA, vip);

        AssertGratuitousArp(frame, vip);
    }

    [RootFact]
    public void GratuitousArp_CapturedInB_DecodedByPacketDotNet_IsABroadcastRequestForTheVip()
    {
        var vip = IPAddress.Parse("192.0.2.51");
        using var capture = FrameCapture.Open(pair.B, pair.IndexB);
        using var sender = NamespaceThread.Run(pair.A, () => GratuitousArpSender.Open(pair.IndexA));

        sender.Send(NamespacePair.MacA, vip);
        var frame = capture.WaitFor(f => f.Length >= 14 && f[12] == 0x08 && f[13] == 0x06, Timeout);

        Assert.NotNull(frame);
        AssertGratuitousArp(frame, vip);
    }

    [RootFact]
    public void UnsolicitedNa_CapturedInB_DecodedByPacketDotNet_IsType136ForTheVipWithAValidChecksum()
    {
        var vip = IPAddress.Parse("2001:db8::52");
        using var capture = FrameCapture.Open(pair.B, pair.IndexB);
        using var sender = NamespaceThread.Run(pair.A, () => UnsolicitedNeighborAdvertSender.Open(pair.IndexA));

        sender.Send(NamespacePair.MacA, vip);
        var frame = capture.WaitFor(f => f.Length > 54 && f[12] == 0x86 && f[13] == 0xdd && f[20] == 58 && f[54] == 136, Timeout);

        Assert.NotNull(frame);
        var ethernet = Assert.IsType<EthernetPacket>(Packet.ParsePacket(LinkLayers.Ethernet, frame));
        Assert.Equal(NamespacePair.MacA, ethernet.SourceHardwareAddress);
        var ip = Assert.IsType<IPv6Packet>(ethernet.PayloadPacket);
        Assert.Equal(PacketDotNet.ProtocolType.IcmpV6, ip.Protocol);
        Assert.Equal(255, ip.HopLimit);                                  // RFC 4861 §7.1.2
        Assert.Equal(IPAddress.Parse("ff02::1"), ip.DestinationAddress);
        var icmp = Assert.IsType<IcmpV6Packet>(ip.PayloadPacket);
        Assert.Equal(IcmpV6Type.NeighborAdvertisement, icmp.Type);       // 136
        Assert.Equal(0, icmp.Code);
        Assert.True(icmp.ValidIcmpChecksum, "ICMPv6 checksum (the kernel's) is not valid");
        var advert = Assert.IsType<NdpNeighborAdvertisementPacket>(icmp.PayloadPacket);
        Assert.Equal(vip, advert.TargetAddress);
        Assert.True(advert.Override);
        Assert.False(advert.Solicited);
        var option = Assert.IsType<NdpLinkLayerAddressOption>(Assert.Single(advert.OptionsCollection));
        Assert.Equal(NamespacePair.MacA, option.LinkLayerAddress);
    }

    [RootFact]
    public void Ipv4Advert_CapturedInB_DecodedByPacketDotNet_IsProtocol112WithTtl255AndAValidHeaderChecksum()
    {
        byte[] message = Advert(AddressFamily.InterNetwork, IPAddress.Parse("192.0.2.51"), NamespacePair.IPv4A, VrrpSocket.IPv4Group);
        using var capture = FrameCapture.Open(pair.B, pair.IndexB);
        using var sender = NamespaceThread.Run(pair.A, () => VrrpSocket.Open(AddressFamily.InterNetwork, NamespacePair.Interface, true));

        sender.Send(message, VrrpSocket.IPv4Group, NamespacePair.IPv4A);
        var frame = capture.WaitFor(f => f.Length > 23 && f[12] == 0x08 && f[13] == 0x00 && f[23] == 112, Timeout);

        Assert.NotNull(frame);
        var ethernet = Assert.IsType<EthernetPacket>(Packet.ParsePacket(LinkLayers.Ethernet, frame));
        var ip = Assert.IsType<IPv4Packet>(ethernet.PayloadPacket);
        Assert.Equal(112, (int)ip.Protocol);
        Assert.Equal(255, ip.TimeToLive);
        Assert.Equal(0xc0, ip.TypeOfService);                            // as keepalived
        Assert.True(ip.ValidIPChecksum, "IPv4 header checksum is not valid");
        Assert.Equal(NamespacePair.IPv4A, ip.SourceAddress);
        Assert.Equal(VrrpSocket.IPv4Group, ip.DestinationAddress);
        Assert.Equal(Hex.Of(message), Hex.Of(ip.PayloadData));

        // vrrpd's own parser reads the same datagram as PacketDotNet does.
        byte[] datagram = frame[14..];
        Assert.True(Ipv4Header.TryParse(datagram, out Ipv4Header header, out string error), error);
        Assert.Equal((ip.SourceAddress, ip.DestinationAddress, ip.TimeToLive, ip.TotalLength, ip.HeaderLength * 4),
            (header.Source, header.Destination, (int)header.Ttl, (int)header.TotalLength, header.HeaderLength));
        Assert.True(AdvertisementPacket.TryDecode(header.GetPayload(datagram), AddressFamily.InterNetwork, header.Source,
            header.Destination, out _, out DropReason reason), reason.ToString());
    }

    [RootFact]
    public void Ipv6Advert_CapturedInB_DecodedByPacketDotNet_IsNextHeader112WithHopLimit255()
    {
        byte[] message = Advert(AddressFamily.InterNetworkV6, IPAddress.Parse("2001:db8::52"), NamespacePair.LinkLocalA, VrrpSocket.IPv6Group);
        using var capture = FrameCapture.Open(pair.B, pair.IndexB);
        using var sender = NamespaceThread.Run(pair.A, () => VrrpSocket.Open(AddressFamily.InterNetworkV6, NamespacePair.Interface, true));

        sender.Send(message, VrrpSocket.IPv6Group, NamespacePair.LinkLocalA);
        var frame = capture.WaitFor(f => f.Length > 20 && f[12] == 0x86 && f[13] == 0xdd && f[20] == 112, Timeout);

        Assert.NotNull(frame);
        var ethernet = Assert.IsType<EthernetPacket>(Packet.ParsePacket(LinkLayers.Ethernet, frame));
        var ip = Assert.IsType<IPv6Packet>(ethernet.PayloadPacket);
        Assert.Equal(112, (int)ip.Protocol);
        Assert.Equal(255, ip.HopLimit);
        Assert.Equal(NamespacePair.LinkLocalA, ip.SourceAddress);
        Assert.Equal(VrrpSocket.IPv6Group, ip.DestinationAddress);
        Assert.True(AdvertisementPacket.TryDecode(ip.PayloadData, AddressFamily.InterNetworkV6, ip.SourceAddress,
            ip.DestinationAddress, out var decoded, out DropReason reason), reason.ToString());
        Assert.Equal(51, decoded.VirtualRouterId);
    }

    private static void AssertGratuitousArp(byte[] frame, IPAddress vip)
    {
        var ethernet = Assert.IsType<EthernetPacket>(Packet.ParsePacket(LinkLayers.Ethernet, frame));
        Assert.Equal(Broadcast, ethernet.DestinationHardwareAddress);
        Assert.Equal(NamespacePair.MacA, ethernet.SourceHardwareAddress);
        Assert.Equal(EthernetType.Arp, ethernet.Type);
        var arp = Assert.IsType<ArpPacket>(ethernet.PayloadPacket);
        Assert.Equal(ArpOperation.Request, arp.Operation);
        Assert.Equal(EthernetType.IPv4, arp.ProtocolAddressType);
        Assert.Equal(NamespacePair.MacA, arp.SenderHardwareAddress);
        Assert.Equal(vip, arp.SenderProtocolAddress);
        Assert.Equal(vip, arp.TargetProtocolAddress);                    // gratuitous: sender IP = target IP
        Assert.Equal(Broadcast, arp.TargetHardwareAddress);              // as keepalived
    }

    /// <summary>A v3 advert (VRID 51, priority 150, 1 s) as the daemon encodes it, checksum over the pseudo-header.</summary>
    private static byte[] Advert(AddressFamily family, IPAddress vip, IPAddress source, IPAddress destination)
    {
        var packet = new AdvertisementPacket
        {
            Version = VrrpVersion.V3,
            VirtualRouterId = 51,
            Priority = 150,
            AdvertisementInterval = TimeSpan.FromSeconds(1),
            Addresses = [vip],
            Family = family,
        };
        var message = new byte[AdvertisementPacket.GetEncodedLength(VrrpVersion.V3, family, 1)];
        packet.WriteTo(message, source, destination, ChecksumForm.PseudoHeader);
        return message;
    }
}
