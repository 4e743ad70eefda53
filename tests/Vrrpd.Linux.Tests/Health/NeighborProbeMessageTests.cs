using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using Vrrpd.Linux.Health.Neighbor;
using Verdict = Vrrpd.Linux.Health.Neighbor.ArpProbeFrame.Verdict;

namespace Vrrpd.Linux.Tests.Health;

/// <summary>The neighbour tracker's wire formats: the ARP request and ICMP echo it sends, and how every received
/// frame is classified (the answer, unrelated, or malformed and dropped) without throwing.</summary>
public sealed class NeighborProbeMessageTests
{
    private static readonly PhysicalAddress Ours = PhysicalAddress.Parse("02-00-00-00-00-0B");
    private static readonly PhysicalAddress Gateway = PhysicalAddress.Parse("02-00-00-00-00-01");
    private static readonly IPAddress OurIp = IPAddress.Parse("192.0.2.11");
    private static readonly IPAddress GatewayIp = IPAddress.Parse("192.0.2.1");

    [Fact]
    public void ArpRequest_IsBroadcast_FromOurMacAndIp_ForTheTarget()
    {
        var frame = new byte[ArpProbeFrame.Length];
        ArpProbeFrame.WriteRequest(frame, Ours, OurIp, GatewayIp);

        Assert.Equal(Convert.FromHexString(
            "ffffffffffff" + "02000000000b" + "0806" + "0001" + "0800" + "06" + "04" + "0001"
            + "02000000000b" + "c000020b" + "000000000000" + "c0000201"), frame);
    }

    /// <summary>The reply the gateway sends: from its MAC and IP to ours.</summary>
    private static byte[] Reply(IPAddress sender, PhysicalAddress target, ushort operation = 2)
    {
        var frame = new byte[60]; // padded to the Ethernet minimum, as on the wire
        ArpProbeFrame.WriteRequest(frame, Gateway, sender, OurIp);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(20), operation);
        target.GetAddressBytes().CopyTo(frame, 32);
        return frame;
    }

    [Fact]
    public void ArpReply_FromTheTargetToOurMac_IsTheAnswer() =>
        Assert.Equal(Verdict.Answer, ArpProbeFrame.Classify(Reply(GatewayIp, Ours), Ours, GatewayIp, out _));

    [Fact]
    public void ArpReply_FromAnotherAddress_OrToAnotherMac_OrARequest_IsUnrelated()
    {
        Assert.Equal(Verdict.Unrelated, ArpProbeFrame.Classify(Reply(IPAddress.Parse("192.0.2.2"), Ours), Ours, GatewayIp, out _));
        Assert.Equal(Verdict.Unrelated, ArpProbeFrame.Classify(Reply(GatewayIp, Gateway), Ours, GatewayIp, out _));
        Assert.Equal(Verdict.Unrelated, ArpProbeFrame.Classify(Reply(GatewayIp, Ours, operation: 1), Ours, GatewayIp, out _));
    }

    [Theory]
    [InlineData(41, -1, 0, "41 bytes")]
    [InlineData(60, 12, 0x08, "not an Ethernet/IPv4 ARP message")] // EtherType 0x0806 -> 0x0808
    [InlineData(60, 18, 8, "not an Ethernet/IPv4 ARP message")]    // hardware address length 8
    [InlineData(60, 21, 9, "ARP operation 9")]
    public void ArpFrame_Malformed_IsCountedNotThrown(int length, int offset, byte value, string problem)
    {
        byte[] frame = Reply(GatewayIp, Ours);
        if (offset >= 0) frame[offset + (offset == 12 ? 1 : 0)] = value;
        Assert.Equal(Verdict.Malformed, ArpProbeFrame.Classify(frame.AsSpan(0, length), Ours, GatewayIp, out string? why));
        Assert.Contains(problem, why);
    }

    [Fact]
    public void IcmpEcho_HasTypeIdentifierSequence_AndAValidChecksum()
    {
        var message = new byte[IcmpEchoMessage.Length];
        IcmpEchoMessage.WriteRequest(message, 0x1234, 1);

        Assert.Equal([8, 0], message[..2]);
        Assert.Equal(0x1234, BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(4)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(6)));
        Assert.Equal(0, Vrrpd.Protocol.InternetChecksum.Fold(Vrrpd.Protocol.InternetChecksum.Sum(message)));
    }

    /// <summary>An IPv4 datagram carrying the echo reply to <paramref name="identifier"/>/1 from <paramref name="source"/>.</summary>
    private static byte[] EchoReply(IPAddress source, ushort identifier)
    {
        var datagram = new byte[20 + IcmpEchoMessage.Length];
        datagram[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), (ushort)datagram.Length);
        datagram[8] = 64;
        datagram[9] = 1;
        source.TryWriteBytes(datagram.AsSpan(12), out _);
        OurIp.TryWriteBytes(datagram.AsSpan(16), out _);
        Span<byte> icmp = datagram.AsSpan(20);
        IcmpEchoMessage.WriteRequest(icmp, identifier, 1);
        icmp[0] = 0; // echo reply: type 0, checksum adjusted by the type difference
        icmp[2] = icmp[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Vrrpd.Protocol.InternetChecksum.Fold(Vrrpd.Protocol.InternetChecksum.Sum(icmp)));
        return datagram;
    }

    [Fact]
    public void EchoReply_FromTheTarget_WithOurIdentifier_IsTheAnswer() =>
        Assert.Equal(Verdict.Answer, IcmpEchoMessage.Classify(EchoReply(GatewayIp, 0x1234), GatewayIp, 0x1234, 1, out _));

    [Fact]
    public void EchoReply_ToAnotherProbe_OrFromAnotherHost_IsUnrelated()
    {
        Assert.Equal(Verdict.Unrelated, IcmpEchoMessage.Classify(EchoReply(GatewayIp, 0x4321), GatewayIp, 0x1234, 1, out _));
        Assert.Equal(Verdict.Unrelated, IcmpEchoMessage.Classify(EchoReply(IPAddress.Parse("192.0.2.2"), 0x1234), GatewayIp, 0x1234, 1, out _));
    }

    [Theory]
    [InlineData(10, -1, 0, "not an IPv4 datagram")]
    [InlineData(36, 0, 0x65, "not an IPv4 datagram")]
    [InlineData(36, 0, 0x4f, "bad IPv4 header")]       // header length 60 > datagram
    [InlineData(36, 3, 200, "bad IPv4 header")]        // total length beyond what was read
    [InlineData(36, 9, 17, "bad IPv4 header")]         // UDP, not ICMP
    [InlineData(36, 30, 0xff, "bad ICMP checksum")]    // data byte changed
    public void EchoDatagram_Malformed_IsCountedNotThrown(int length, int offset, byte value, string problem)
    {
        byte[] datagram = EchoReply(GatewayIp, 0x1234);
        if (offset >= 0) datagram[offset] = value;
        Assert.Equal(Verdict.Malformed, IcmpEchoMessage.Classify(datagram.AsSpan(0, length), GatewayIp, 0x1234, 1, out string? why));
        Assert.Contains(problem, why);
    }

    private static readonly IPAddress GatewayIp6 = IPAddress.Parse("2001:db8::1");

    [Fact]
    public void NeighborSolicitation_CarriesTheTarget_AndOurMac_ToTheSolicitedNodeGroup()
    {
        var message = new byte[NeighborSolicitationMessage.Length];
        NeighborSolicitationMessage.WriteSolicitation(message, Ours, GatewayIp6);

        Assert.Equal(Convert.FromHexString("87000000" + "00000000" + "20010db8000000000000000000000001" + "0101" + "02000000000b"), message);
        Assert.Equal(IPAddress.Parse("ff02::1:ff00:1"), NeighborSolicitationMessage.SolicitedNodeAddress(GatewayIp6));
    }

    /// <summary>A Neighbor Advertisement for <paramref name="target"/> with the given flags byte.</summary>
    private static byte[] Advert(IPAddress target, byte flags = 0x60)
    {
        var message = new byte[32];
        message[0] = 136;
        message[4] = flags; // solicited + override
        target.TryWriteBytes(message.AsSpan(8), out _);
        return message;
    }

    [Fact]
    public void SolicitedAdvert_ForTheTarget_AtHopLimit255_IsTheAnswer() =>
        Assert.Equal(Verdict.Answer, NeighborSolicitationMessage.Classify(Advert(GatewayIp6), 255, GatewayIp6, out _));

    [Fact]
    public void Advert_Unsolicited_OrForAnotherTarget_IsUnrelated()
    {
        Assert.Equal(Verdict.Unrelated, NeighborSolicitationMessage.Classify(Advert(GatewayIp6, 0x20), 255, GatewayIp6, out _));
        Assert.Equal(Verdict.Unrelated, NeighborSolicitationMessage.Classify(Advert(IPAddress.Parse("2001:db8::2")), 255, GatewayIp6, out _));
    }

    [Fact]
    public void Advert_NotAtHopLimit255_OrTruncated_OrAnotherType_IsMalformed()
    {
        Assert.Equal(Verdict.Malformed, NeighborSolicitationMessage.Classify(Advert(GatewayIp6), 64, GatewayIp6, out string? why));
        Assert.Contains("hop limit 64; must be 255", why);
        Assert.Equal(Verdict.Malformed, NeighborSolicitationMessage.Classify(Advert(GatewayIp6).AsSpan(0, 20), 255, GatewayIp6, out why));
        Assert.Contains("20 bytes", why);
        byte[] solicitation = Advert(GatewayIp6);
        solicitation[0] = 135;
        Assert.Equal(Verdict.Malformed, NeighborSolicitationMessage.Classify(solicitation, 255, GatewayIp6, out why));
        Assert.Contains("ICMPv6 type 135", why);
    }

    [Fact]
    public void Icmpv6EchoReply_FromTheTarget_WithOurIdentifier_IsTheAnswer_AnythingElseNot()
    {
        var request = new byte[Icmpv6EchoMessage.Length];
        Icmpv6EchoMessage.WriteRequest(request, 0x1234, 1);
        Assert.Equal(128, request[0]);
        byte[] reply = (byte[])request.Clone();
        reply[0] = 129;

        Assert.Equal(Verdict.Answer, Icmpv6EchoMessage.Classify(reply, GatewayIp6, GatewayIp6, 0x1234, 1, out _));
        Assert.Equal(Verdict.Unrelated, Icmpv6EchoMessage.Classify(reply, IPAddress.Parse("2001:db8::2"), GatewayIp6, 0x1234, 1, out _));
        Assert.Equal(Verdict.Unrelated, Icmpv6EchoMessage.Classify(reply, GatewayIp6, GatewayIp6, 0x1235, 1, out _));
        Assert.Equal(Verdict.Malformed, Icmpv6EchoMessage.Classify(reply.AsSpan(0, 4), GatewayIp6, GatewayIp6, 0x1234, 1, out _));
    }
}
