using System.Buffers.Binary;
using System.Net;

namespace Vrrpd.Protocol;

/// <summary>
/// The fields of an IPv4 header (RFC 791 §3.1) that the VRRP receive path needs. A raw IPv4 socket on Linux
/// delivers the header with every datagram; its TTL feeds the §7.1 check and its total length bounds the message
/// (a frame may carry Ethernet padding). The header checksum is not verified: the kernel already did.
/// </summary>
public readonly record struct Ipv4Header(
    byte Version,
    byte Ihl,
    ushort TotalLength,
    byte Ttl,
    byte Protocol,
    IPAddress Source,
    IPAddress Destination)
{
    private const int MinimumLength = 20;

    /// <summary>IHL × 4: the header bytes, options included.</summary>
    public int HeaderLength => Ihl * 4;

    /// <summary>Bytes after the header, up to the total length.</summary>
    public int PayloadLength => TotalLength - HeaderLength;

    /// <summary>The upper-layer message of <paramref name="packet"/> (whose header this is), padding excluded.</summary>
    public ReadOnlySpan<byte> GetPayload(ReadOnlySpan<byte> packet) => packet[HeaderLength..TotalLength];

    public static bool TryParse(ReadOnlySpan<byte> packet, out Ipv4Header header) => TryParse(packet, out header, out _);

    /// <param name="error">Why the header is unusable, for a log line; empty on success.</param>
    public static bool TryParse(ReadOnlySpan<byte> packet, out Ipv4Header header, out string error) =>
        TryParse(packet, null, out header, out error);

    /// <summary>As <see cref="TryParse(ReadOnlySpan{byte}, out Ipv4Header, out string)"/>, taking the source and
    /// destination from <paramref name="addresses"/> (no allocation for addresses seen before) when given.</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, AddressInterner? addresses, out Ipv4Header header, out string error)
    {
        header = default;
        if (packet.Length < MinimumLength)
        {
            error = $"{packet.Length} bytes; an IPv4 header is at least {MinimumLength}";
            return false;
        }

        byte version = (byte)(packet[0] >> 4);
        byte ihl = (byte)(packet[0] & 0x0F);
        ushort totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (version != 4)
        {
            error = $"IP version {version}; expected 4";
            return false;
        }

        if (ihl * 4 < MinimumLength || ihl * 4 > packet.Length)
        {
            error = $"header length {ihl * 4} outside {MinimumLength}..{packet.Length}";
            return false;
        }

        if (totalLength < ihl * 4 || totalLength > packet.Length)
        {
            error = $"total length {totalLength} outside {ihl * 4}..{packet.Length}";
            return false;
        }

        header = new Ipv4Header(
            version, ihl, totalLength, Ttl: packet[8], Protocol: packet[9], Address(packet[12..16]), Address(packet[16..20]));
        error = string.Empty;
        return true;

        IPAddress Address(ReadOnlySpan<byte> bytes) => addresses?.Get(bytes) ?? new IPAddress(bytes);
    }
}
