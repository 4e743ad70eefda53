using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Vrrpd.Protocol;

public sealed partial class AdvertisementPacket
{
    /// <summary>
    /// Writes the advertisement with its checksum (RFC 5798 §7.2) and returns its length.
    /// <paramref name="form"/> only matters for v3 over IPv4: v2 is always checksummed message-only
    /// (RFC 3768 §5.3.8) and IPv6 always with the pseudo-header (RFC 5798 §5.2.8).
    /// </summary>
    /// <param name="source">IP source the kernel will use (primary IPv4 / link-local IPv6 address).</param>
    /// <param name="destinationAddress">224.0.0.18, ff02::12, or the unicast peer (keepalived puts the peer in
    /// the pseudo-header since 1.3.6).</param>
    /// <exception cref="ArgumentException">Inconsistent families, more than 255 addresses, v2 over IPv6, or a
    /// destination span that is too short.</exception>
    public int WriteTo(Span<byte> destination, IPAddress source, IPAddress destinationAddress, ChecksumForm form)
    {
        Validate(source, destinationAddress);
        int length = GetEncodedLength(Version, Family, Addresses.Count);
        if (destination.Length < length)
        {
            throw new ArgumentException($"an advertisement with {Addresses.Count} addresses needs {length} bytes, got {destination.Length}", nameof(destination));
        }

        Span<byte> message = destination[..length];
        message[0] = (byte)(((int)Version << 4) | VrrpWire.AdvertisementType);
        message[1] = VirtualRouterId;
        message[2] = Priority;
        message[3] = (byte)Addresses.Count;
        int interval = AdvertisementIntervalField.Encode(Version, AdvertisementInterval);
        if (Version == VrrpVersion.V2)
        {
            message[4] = AuthType;
            message[5] = (byte)interval;
        }
        else
        {
            // Rsvd (high 4 bits) MUST be 0 on send (RFC 5798 §5.2.6); Max Adver Int takes the other 12.
            BinaryPrimitives.WriteUInt16BigEndian(message[4..], (ushort)interval);
        }

        BinaryPrimitives.WriteUInt16BigEndian(message[6..], 0);
        int offset = VrrpWire.HeaderLength;
        for (int i = 0; i < Addresses.Count; i++)   // indexed: a foreach over the interface would box an enumerator
        {
            Addresses[i].TryWriteBytes(message[offset..], out int written);
            offset += written;
        }

        if (Version == VrrpVersion.V2)
        {
            // RFC 3768 §5.3.10: zero unless a (historic) auth type uses it; keepalived's PASS pads with zeros.
            Span<byte> authData = message[offset..];
            authData.Clear();
            ReadOnlySpan<byte> given = AuthData.Span;
            given[..Math.Min(given.Length, VrrpWire.V2AuthDataLength)].CopyTo(authData);
        }

        ChecksumForm effective = EffectiveForm(Version, Family, form);
        ushort checksum = AdvertisementChecksum.Compute(message, effective, source, destinationAddress);
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], checksum);
        return length;
    }

    private void Validate(IPAddress source, IPAddress destinationAddress)
    {
        if (Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"VRRP runs over IPv4 or IPv6, not {Family}");
        }

        if (Version == VrrpVersion.V2 && Family != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("VRRPv2 is IPv4 only (RFC 3768)");
        }

        if (Version is not (VrrpVersion.V2 or VrrpVersion.V3))
        {
            throw new ArgumentException($"unknown VRRP version {(int)Version}");
        }

        if (Addresses.Count > byte.MaxValue)
        {
            throw new ArgumentException($"{Addresses.Count} addresses do not fit the 8-bit count");
        }

        for (int i = 0; i < Addresses.Count; i++)   // indexed: no boxed enumerator per advert
        {
            if (Addresses[i].AddressFamily != Family)
            {
                // RFC 5798 §5.2.9: families MUST NOT be mixed in one advertisement.
                throw new ArgumentException($"address {Addresses[i]} is not {Family}");
            }
        }

        if (source.AddressFamily != Family || destinationAddress.AddressFamily != Family)
        {
            throw new ArgumentException($"source {source} and destination {destinationAddress} must both be {Family}");
        }
    }
}
