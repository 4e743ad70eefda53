using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Vrrpd.Protocol;

/// <summary>
/// The VRRP checksum in either <see cref="ChecksumForm"/> (docs/design/vrrp-protocol.md §4). Computed over a message with its checksum
/// field (bytes 6–7) taken as zero, so the same call gives the expected value for a received packet (useful in a log
/// line that shows both forms, as Cisco does).
/// </summary>
public static class AdvertisementChecksum
{
    private const int ChecksumOffset = 6;

    /// <summary>The checksum <paramref name="message"/> should carry in <paramref name="form"/>.</summary>
    /// <param name="source">IP source; only read for <see cref="ChecksumForm.PseudoHeader"/>.</param>
    /// <param name="destination">IP destination (the group, or the unicast peer); only read for the pseudo-header.</param>
    public static ushort Compute(ReadOnlySpan<byte> message, ChecksumForm form, IPAddress source, IPAddress destination)
    {
        uint sum = form == ChecksumForm.PseudoHeader ? PseudoHeaderSum(source, destination, message.Length) : 0;
        sum = InternetChecksum.Sum(message[..ChecksumOffset], sum);
        sum = InternetChecksum.Sum(message[(ChecksumOffset + 2)..], sum);
        return InternetChecksum.Fold(sum);
    }

    /// <summary>Whether the checksum on the wire (bytes 6–7) is right in <paramref name="form"/>.</summary>
    public static bool Verifies(ReadOnlySpan<byte> message, ChecksumForm form, IPAddress source, IPAddress destination)
    {
        uint sum = form == ChecksumForm.PseudoHeader ? PseudoHeaderSum(source, destination, message.Length) : 0;
        return InternetChecksum.Fold(InternetChecksum.Sum(message, sum)) == 0;
    }

    /// <summary>
    /// IPv4: src (4), dst (4), zero, protocol 112, length (16 bits) — the 12-byte form keepalived and FRR use for
    /// RFC 5798 §5.2.8. IPv6: src (16), dst (16), length (32 bits), 3 zero bytes, next header 112 (RFC 8200 §8.1).
    /// </summary>
    private static uint PseudoHeaderSum(IPAddress source, IPAddress destination, int length)
    {
        Span<byte> header = stackalloc byte[40];
        if (source.AddressFamily != destination.AddressFamily)
        {
            throw new ArgumentException($"pseudo-header addresses differ in family: {source} and {destination}");
        }

        if (!source.TryWriteBytes(header, out int addressLength) || !destination.TryWriteBytes(header[addressLength..], out _))
        {
            throw new ArgumentException($"cannot write {source} / {destination} into a pseudo-header");
        }

        Span<byte> rest = header[(2 * addressLength)..];
        if (source.AddressFamily == AddressFamily.InterNetwork)
        {
            rest[0] = 0;
            rest[1] = VrrpWire.IpProtocol;
            BinaryPrimitives.WriteUInt16BigEndian(rest[2..], (ushort)length);
            return InternetChecksum.Sum(header[..12]);
        }

        BinaryPrimitives.WriteUInt32BigEndian(rest, (uint)length);
        rest[4..7].Clear();
        rest[7] = VrrpWire.IpProtocol;
        return InternetChecksum.Sum(header);
    }
}
