using System.Buffers.Binary;
using System.Net;

namespace Vrrpd.Linux.Health.Neighbor;

/// <summary>ICMPv6 echo (RFC 4443 §4.1, §4.2) on a raw ICMPv6 socket: the kernel computes and verifies the
/// checksum, so the request is written with 0 there; a reply counts when it comes from the target with this
/// probe's identifier and sequence.</summary>
public static class Icmpv6EchoMessage
{
    public const int Length = 16;

    private const byte ICMP6_ECHO_REQUEST = 128;
    private const byte ICMP6_ECHO_REPLY = 129;

    public static void WriteRequest(Span<byte> message, ushort identifier, ushort sequence)
    {
        message = message[..Length];
        message.Clear();
        message[0] = ICMP6_ECHO_REQUEST;
        BinaryPrimitives.WriteUInt16BigEndian(message[4..], identifier);
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], sequence);
        "vrrpd-nb"u8.CopyTo(message[8..]);
    }

    /// <summary>Classifies one ICMPv6 message (no IPv6 header) from <paramref name="source"/>. Never throws.</summary>
    public static ArpProbeFrame.Verdict Classify(ReadOnlySpan<byte> message, IPAddress? source, IPAddress target, ushort identifier, ushort sequence, out string? problem)
    {
        problem = null;
        if (message.Length < 8)
        {
            problem = $"{message.Length} bytes; an ICMPv6 echo has at least 8";
            return ArpProbeFrame.Verdict.Malformed;
        }

        bool answer = message[0] == ICMP6_ECHO_REPLY && message[1] == 0
            && target.Equals(source)
            && BinaryPrimitives.ReadUInt16BigEndian(message[4..]) == identifier
            && BinaryPrimitives.ReadUInt16BigEndian(message[6..]) == sequence;
        return answer ? ArpProbeFrame.Verdict.Answer : ArpProbeFrame.Verdict.Unrelated;
    }
}
