using System.Buffers.Binary;
using System.Net;

namespace Vrrpd.Linux.Sockets;

/// <summary>
/// The few IPv4 header fields the receive path needs. A raw IPv4 socket hands over the IP header with the
/// payload (Linux keeps total length in network order, unlike BSD), so the socket strips it here.
/// </summary>
internal readonly record struct IPv4Header(int HeaderLength, int TotalLength, byte Ttl, IPAddress Source, IPAddress Destination)
{
    private const int MinimumLength = 20;

    /// <summary>False for anything that is not a whole IPv4 datagram; never throws.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> packet, out IPv4Header header)
    {
        header = default;
        if (packet.Length < MinimumLength || packet[0] >> 4 != 4)
            return false;
        int headerLength = (packet[0] & 0x0F) * 4;                         // IHL, in 32-bit words
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < MinimumLength || totalLength < headerLength || totalLength > packet.Length)
            return false;
        header = new IPv4Header(headerLength, totalLength, packet[8],
            new IPAddress(packet.Slice(12, 4)), new IPAddress(packet.Slice(16, 4)));
        return true;
    }
}
