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
}
