using System.Buffers.Binary;
using System.Net;
using Vrrpd.Protocol;

namespace Vrrpd.Linux.Health.Neighbor;

/// <summary>
/// ICMP echo (RFC 792) as the neighbour tracker uses it: a request with an identifier and sequence of its own
/// and 8 bytes of data, and the check of a reply as a raw IPv4 ICMP socket delivers it (IPv4 header included).
/// </summary>
public static class IcmpEchoMessage
{
    /// <summary>8-byte ICMP header + 8 bytes of data.</summary>
    public const int Length = 16;

    private const byte ICMP_ECHOREPLY = 0;
    private const byte ICMP_ECHO = 8;
    private const byte IPPROTO_ICMP = 1;

    public static void WriteRequest(Span<byte> message, ushort identifier, ushort sequence)
    {
        message = message[..Length];
        message.Clear();
        message[0] = ICMP_ECHO;
        BinaryPrimitives.WriteUInt16BigEndian(message[4..], identifier);
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], sequence);
        "vrrpd-nb"u8.CopyTo(message[8..]);
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], InternetChecksum.Fold(InternetChecksum.Sum(message)));
    }

    /// <summary>Classifies one IPv4 datagram from a raw ICMP socket. Never throws.</summary>
    public static ArpProbeFrame.Verdict Classify(ReadOnlySpan<byte> datagram, IPAddress target, ushort identifier, ushort sequence, out string? problem)
    {
        problem = null;
        if (datagram.Length < 20 || datagram[0] >> 4 != 4)
        {
            problem = "not an IPv4 datagram";
            return ArpProbeFrame.Verdict.Malformed;
        }

        int headerLength = (datagram[0] & 0x0f) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if (headerLength < 20 || totalLength < headerLength + 8 || totalLength > datagram.Length || datagram[9] != IPPROTO_ICMP)
        {
            problem = $"bad IPv4 header (header {headerLength} bytes, total {totalLength} of {datagram.Length}, protocol {datagram[9]})";
            return ArpProbeFrame.Verdict.Malformed;
        }

        ReadOnlySpan<byte> icmp = datagram[headerLength..totalLength];
        if (InternetChecksum.Fold(InternetChecksum.Sum(icmp)) != 0)
        {
            problem = "bad ICMP checksum";
            return ArpProbeFrame.Verdict.Malformed;
        }

        Span<byte> expected = stackalloc byte[4];
        target.TryWriteBytes(expected, out _);
        bool answer = icmp[0] == ICMP_ECHOREPLY && icmp[1] == 0
            && datagram.Slice(12, 4).SequenceEqual(expected)
            && BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]) == identifier
            && BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]) == sequence;
        return answer ? ArpProbeFrame.Verdict.Answer : ArpProbeFrame.Verdict.Unrelated;
    }
}
