using System.Net;
using System.Net.NetworkInformation;

namespace Vrrpd.Linux.Health.Neighbor;

/// <summary>
/// The IPv6 counterpart of the ARP probe (RFC 4861 §4.3, §4.4, §7.2): a Neighbor Solicitation for the target,
/// sent to its solicited-node multicast address with hop limit 255 and our MAC as source link-layer address; the
/// answer is a solicited Neighbor Advertisement for that target that arrived with hop limit 255. The kernel adds
/// the IPv6 header and computes and verifies the ICMPv6 checksum (raw(7)).
/// </summary>
public static class NeighborSolicitationMessage
{
    /// <summary>ICMPv6 header and reserved word (8) + target (16) + source link-layer address option (8).</summary>
    public const int Length = 32;

    private const byte ND_NEIGHBOR_SOLICIT = 135;
    private const byte ND_NEIGHBOR_ADVERT = 136;
    private const byte ND_OPT_SOURCE_LINKADDR = 1;
    private const byte ND_NA_FLAG_SOLICITED = 0x40;

    public static void WriteSolicitation(Span<byte> message, PhysicalAddress ourMac, IPAddress target)
    {
        message = message[..Length];
        message.Clear();
        message[0] = ND_NEIGHBOR_SOLICIT;
        target.TryWriteBytes(message[8..], out _);
        message[24] = ND_OPT_SOURCE_LINKADDR;
        message[25] = 1;                       // option length in units of 8 bytes
        ourMac.GetAddressBytes().CopyTo(message[26..]);
    }

    /// <summary>ff02::1:ffXX:XXXX with the target's low 24 bits (RFC 4291 §2.7.1).</summary>
    public static IPAddress SolicitedNodeAddress(IPAddress target)
    {
        Span<byte> bytes = stackalloc byte[16];
        target.TryWriteBytes(bytes, out _);
        Span<byte> group = stackalloc byte[16];
        group[0] = 0xff;
        group[1] = 0x02;
        group[11] = 0x01;
        group[12] = 0xff;
        bytes[13..].CopyTo(group[13..]);
        return new IPAddress(group);
    }

    /// <summary>Classifies one ICMPv6 message from a raw socket (no IPv6 header), with the hop limit it arrived
    /// with. Never throws.</summary>
    public static ArpProbeFrame.Verdict Classify(ReadOnlySpan<byte> message, int hopLimit, IPAddress target, out string? problem)
    {
        problem = null;
        if (message.Length < 24 || message[0] != ND_NEIGHBOR_ADVERT || message[1] != 0)
        {
            problem = message.Length < 24 ? $"{message.Length} bytes; a Neighbor Advertisement has at least 24" : $"ICMPv6 type {message[0]} code {message[1]}";
            return ArpProbeFrame.Verdict.Malformed;
        }

        if (hopLimit != 255)
        {
            // RFC 4861 §7.1.2: a Neighbor Advertisement that did not arrive with hop limit 255 is invalid.
            problem = $"hop limit {hopLimit}; must be 255";
            return ArpProbeFrame.Verdict.Malformed;
        }

        Span<byte> expected = stackalloc byte[16];
        target.TryWriteBytes(expected, out _);
        bool answer = (message[4] & ND_NA_FLAG_SOLICITED) != 0 && message.Slice(8, 16).SequenceEqual(expected);
        return answer ? ArpProbeFrame.Verdict.Answer : ArpProbeFrame.Verdict.Unrelated;
    }
}
