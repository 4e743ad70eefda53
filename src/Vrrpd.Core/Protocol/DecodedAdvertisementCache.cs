using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Vrrpd.Protocol;

/// <summary>
/// The last advertisement decoded for each VRID, with the exact bytes and addresses it was decoded from. A Master
/// sends the same message every Advertisement_Interval (only its priority or address list ever changes it), and
/// decoding is a pure function of the message, the family and the two addresses (the checksum covers them), so a
/// message identical to the last one gets the same immutable <see cref="AdvertisementPacket"/> back: steady-state
/// receiving allocates nothing (docs/design/event-loop.md §6). One per receive socket, used by one thread.
/// </summary>
public sealed class DecodedAdvertisementCache
{
    private readonly Slot?[] _byVrid = new Slot?[256];

    /// <summary>Decodes <paramref name="message"/> (as <see cref="AdvertisementPacket.TryDecode(ReadOnlySpan{byte}, AddressFamily, IPAddress, IPAddress, out AdvertisementPacket?, out DropReason)"/>),
    /// or returns the packet decoded last time from the same message, family and addresses.</summary>
    public bool TryDecode(ReadOnlySpan<byte> message, AddressFamily family, IPAddress source, IPAddress destination,
        [NotNullWhen(true)] out AdvertisementPacket? packet, out DropReason reason)
    {
        Slot? slot = message.Length >= 2 ? _byVrid[message[1]] : null;
        if (slot?.Packet is { } known && slot.Matches(message, family, source, destination))
        {
            packet = known;
            reason = DropReason.None;
            return true;
        }

        if (!AdvertisementPacket.TryDecode(message, family, source, destination, out packet, out reason))
        {
            return false;
        }

        slot ??= _byVrid[message[1]] = new Slot();
        slot.Remember(message, family, source, destination, packet);
        return true;
    }

    private sealed class Slot
    {
        private byte[] _bytes = [];
        private int _length;
        private AddressFamily _family;
        private IPAddress? _source;
        private IPAddress? _destination;

        public AdvertisementPacket? Packet { get; private set; }

        public bool Matches(ReadOnlySpan<byte> message, AddressFamily family, IPAddress source, IPAddress destination) =>
            Packet is not null && family == _family && message.SequenceEqual(_bytes.AsSpan(0, _length))
            && Same(source, _source) && Same(destination, _destination);

        public void Remember(ReadOnlySpan<byte> message, AddressFamily family, IPAddress source, IPAddress destination, AdvertisementPacket packet)
        {
            if (_bytes.Length < message.Length)
            {
                _bytes = new byte[message.Length];
            }

            message.CopyTo(_bytes);
            _length = message.Length;
            _family = family;
            _source = source;
            _destination = destination;
            Packet = packet;
        }

        private static bool Same(IPAddress address, IPAddress? remembered) =>
            ReferenceEquals(address, remembered) || address.Equals(remembered);
    }
}
