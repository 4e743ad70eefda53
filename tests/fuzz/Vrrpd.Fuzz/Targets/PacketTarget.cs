using System.Net;
using System.Net.Sockets;
using Vrrpd.Protocol;
using static Vrrpd.Fuzz.InvariantBrokenException;

namespace Vrrpd.Fuzz.Targets;

/// <summary>
/// The receive path (docs/design/code-conventions.md §2): an IPv4 packet as the raw socket returns it, header included
/// (<see cref="Ipv4Header.TryParse(ReadOnlySpan{byte}, out Ipv4Header, out string)"/>), or an IPv6 payload with the
/// hop limit and addresses the kernel reports beside it; then <see cref="AdvertisementPacket.TryDecode(ReadOnlySpan{byte}, AddressFamily, IPAddress, IPAddress, out AdvertisementPacket?, out DropReason, out string)"/>
/// and <see cref="AdvertisementReceiveCheck"/> against an instance.
/// </summary>
/// <remarks>
/// Input: byte 0 says how the datagram arrives (<see cref="PacketContext"/>: family, destination, checksum repaired
/// or not, the receiving instance's rules), byte 1 is the IPv6 hop limit, the rest is the packet. Repairing the
/// checksum lets mutations past the codec into the instance checks; libFuzzer cannot find a checksum by itself.
/// </remarks>
internal sealed class PacketTarget : IFuzzTarget
{
    private static readonly IPAddress Source6 = IPAddress.Parse("fe80::12");
    private static readonly IPAddress Group6 = IPAddress.Parse("ff02::12");
    private static readonly IPAddress Local6 = IPAddress.Parse("fe80::11");
    private static readonly IPAddress Local4 = IPAddress.Parse("192.0.2.11");

    public string Name => "packet";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2)
            return;
        var context = new PacketContext(input[0]);
        ReadOnlySpan<byte> wire = input[2..];

        ReceivedDatagram datagram;
        if (context.Ipv6)
        {
            var destination = context.UnicastDestination ? Local6 : Group6;
            byte[] payload = wire.ToArray();
            if (context.RepairChecksum)
                RepairChecksum(payload, Source6, destination, context.PseudoHeaderChecksum);
            datagram = new ReceivedDatagram(context.FamilyAsLabelled(AddressFamily.InterNetworkV6), Source6, destination, input[1], 2, payload);
        }
        else
        {
            bool parsed = Ipv4Header.TryParse(wire, out Ipv4Header header, out string error);
            ThrowUnless(parsed == (error.Length == 0), $"IPv4 header: parsed={parsed} but error '{error}'");
            if (!parsed)
                return;
            ThrowUnless(header.Version == 4, $"IPv4 header of version {header.Version} accepted");
            ThrowUnless(header.HeaderLength >= 20 && header.HeaderLength <= wire.Length, $"header length {header.HeaderLength} of {wire.Length} bytes");
            ThrowUnless(header.TotalLength >= header.HeaderLength && header.TotalLength <= wire.Length, $"total length {header.TotalLength} of {wire.Length} bytes");
            byte[] payload = header.GetPayload(wire).ToArray();
            ThrowUnless(payload.Length == header.PayloadLength, $"payload of {payload.Length} bytes where the header says {header.PayloadLength}");
            if (context.RepairChecksum)
                RepairChecksum(payload, header.Source, header.Destination, context.PseudoHeaderChecksum);
            datagram = new ReceivedDatagram(context.FamilyAsLabelled(AddressFamily.InterNetwork), header.Source, header.Destination, header.Ttl, 2, payload);
        }

        DecodeAndCheck(datagram, context);
    }

    private static void DecodeAndCheck(in ReceivedDatagram datagram, PacketContext context)
    {
        ReadOnlySpan<byte> message = datagram.Payload.Span;
        bool decoded = AdvertisementPacket.TryDecode(
            message, datagram.Family, datagram.Source, datagram.Destination, out AdvertisementPacket? packet, out DropReason reason, out string error);
        ThrowUnless(decoded == (reason == DropReason.None), $"decoded={decoded} with reason {reason}");
        ThrowUnless(decoded == (error.Length == 0), $"decoded={decoded} with error '{error}'");
        ThrowUnless(reason.ToKey() != "unknown", $"reason {reason} has no counter name");

        ReceivePolicy policy = PolicyFor(packet, datagram, context);
        ReceiveVerdict combined = AdvertisementReceiveCheck.Check(datagram, policy, out AdvertisementPacket? again);
        ThrowUnless(combined.Accepted == (combined.Reason == DropReason.None), $"verdict accepted={combined.Accepted} with reason {combined.Reason}");
        ThrowUnless(combined.Message.Length > 0, "a verdict without a message");
        ThrowUnless(combined.Reason.ToKey() != "unknown", $"reason {combined.Reason} has no counter name");
        if (packet is null)
        {
            ThrowUnless(again is null, "the combined check decoded what TryDecode refused");
            ThrowUnless(combined.Reason == reason, $"the combined check says {combined.Reason}, TryDecode {reason}");
            return;
        }

        if (packet.ChecksumFormSeen is not { } form)
            throw new InvariantBrokenException("a decoded advert without the checksum form it was verified with");
        ThrowUnless(packet.VirtualRouterId == message[1], "VRID is not byte 1");
        ThrowUnless(packet.Addresses.Count == message[3], "address count is not byte 3");
        ThrowUnless(packet.Family == datagram.Family, $"a {packet.Family} advert decoded from a {datagram.Family} datagram");

        // Canonical: the encoder writes the same bytes for what was decoded, except v3's 4 reserved bits, which a
        // receiver ignores and a sender writes as 0 (RFC 5798 §5.2.6; docs/design/vrrp-protocol.md).
        var reencoded = new byte[message.Length + 8];
        int length = packet.WriteTo(reencoded, datagram.Source, datagram.Destination, form);
        byte[] expected = message.ToArray();
        if (packet.Version == VrrpVersion.V3 && (expected[4] & 0xF0) != 0)
        {
            expected[4] &= 0x0F;
            reencoded[6] = expected[6];
            reencoded[7] = expected[7];
        }

        // A checksum of 0 may arrive as 0xFFFF, one's complement's other zero, and verifies either way (RFC 1071;
        // tests/Vrrpd.Core.Tests/Protocol/ChecksumNegativeZeroTests.cs); the encoder writes 0x0000.
        if (expected[6] == 0xFF && expected[7] == 0xFF && reencoded[6] == 0 && reencoded[7] == 0)
        {
            reencoded[6] = 0xFF;
            reencoded[7] = 0xFF;
        }
        ThrowUnless(expected.AsSpan().SequenceEqual(reencoded.AsSpan(0, length)),
            $"re-encoding a decoded advert changed its bytes: {Convert.ToHexString(expected)} -> {Convert.ToHexString(reencoded, 0, length)}");

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(datagram, packet, policy);
        ThrowUnless(verdict.Reason == combined.Reason, $"checking the decoded advert says {verdict.Reason}, the combined check {combined.Reason}");
    }

    /// <summary>Mostly the instance that would accept this advert; else one that differs from it in one rule.</summary>
    private static ReceivePolicy PolicyFor(AdvertisementPacket? packet, in ReceivedDatagram datagram, PacketContext context)
    {
        bool ipv4 = datagram.Family == AddressFamily.InterNetwork;
        ReceivePolicy policy = packet is null
            ? new ReceivePolicy(VrrpVersion.V3, 51, 100, TimeSpan.FromSeconds(1), 0, ReadOnlyMemory<byte>.Empty,
                [IPAddress.Parse(ipv4 ? "192.0.2.51" : "fe80::51")], true, null, false)
            : new ReceivePolicy(packet.Version, packet.VirtualRouterId, 100, packet.AdvertisementInterval, packet.AuthType,
                packet.AuthData, packet.Addresses.ToArray(), true, null, false);
        return context.PolicyVariant switch
        {
            1 => policy with { Multicast = false, UnicastPeers = [new UnicastPeer(datagram.Source, 1, 255)], CheckUnicastSource = true },
            2 => policy with { Multicast = false, UnicastPeers = [new UnicastPeer(ipv4 ? Local4 : Local6, 64, 64)], CheckUnicastSource = true },
            3 => policy with { LocalPriority = 255 },
            4 => policy with { Version = policy.Version == VrrpVersion.V2 ? VrrpVersion.V3 : VrrpVersion.V2 },
            5 => policy with { AuthType = 1, AuthPassword = "secret"u8.ToArray() },
            6 => policy with { VirtualRouterId = (byte)(policy.VirtualRouterId + 1), AdvertisementInterval = TimeSpan.FromSeconds(3) },
            _ => policy,
        };
    }

    private static void RepairChecksum(byte[] payload, IPAddress source, IPAddress destination, bool pseudoHeader)
    {
        if (payload.Length < VrrpWire.HeaderLength)
            return;
        payload[6] = 0;
        payload[7] = 0;
        ushort checksum = AdvertisementChecksum.Compute(
            payload, pseudoHeader ? ChecksumForm.PseudoHeader : ChecksumForm.MessageOnly, source, destination);
        payload[6] = (byte)(checksum >> 8);
        payload[7] = (byte)checksum;
    }
}
