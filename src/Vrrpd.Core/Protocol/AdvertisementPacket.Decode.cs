using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Vrrpd.Protocol;

public sealed partial class AdvertisementPacket
{
    /// <summary>
    /// Decodes a received VRRP message (IP header already removed) and runs the checks that need only the packet:
    /// version, type, exact length, family, checksum (RFC 3768 / 5798 / 9568 §7.1). Never throws on bad input.
    /// </summary>
    /// <param name="family">The IP version it arrived over.</param>
    /// <param name="source">IP source, for the pseudo-header.</param>
    /// <param name="destination">IP destination, for the pseudo-header.</param>
    public static bool TryDecode(
        ReadOnlySpan<byte> message,
        AddressFamily family,
        IPAddress source,
        IPAddress destination,
        [NotNullWhen(true)] out AdvertisementPacket? packet,
        out DropReason reason) =>
        TryDecode(message, family, source, destination, out packet, out reason, out _);

    /// <inheritdoc cref="TryDecode(ReadOnlySpan{byte}, AddressFamily, IPAddress, IPAddress, out AdvertisementPacket?, out DropReason)"/>
    /// <param name="error">Why it was dropped, for a log line ("length 36 does not match 44 ..."); empty on success.</param>
    public static bool TryDecode(
        ReadOnlySpan<byte> message,
        AddressFamily family,
        IPAddress source,
        IPAddress destination,
        [NotNullWhen(true)] out AdvertisementPacket? packet,
        out DropReason reason,
        out string error)
    {
        packet = null;
        reason = CheckStructure(message, family, source, destination, out error);
        if (reason != DropReason.None)
        {
            return false;
        }

        var version = (VrrpVersion)(message[0] >> 4);
        int count = message[3];

        // Checksum (RFC 5798 §7.1). v3 over IPv4: accept either form and remember which one matched, so one
        // instance interoperates with keepalived 2.2.7 / FRR (pseudo-header) and RFC 9568 peers (message only).
        ChecksumForm? formSeen = null;
        foreach (ChecksumForm form in CandidateForms(version, family))
        {
            if (AdvertisementChecksum.Verifies(message, form, source, destination))
            {
                formSeen = form;
                break;
            }
        }

        if (formSeen is null)
        {
            reason = DropReason.BadChecksum;
            error = DescribeBadChecksum(message, version, family, source, destination);
            return false;
        }

        // v2 byte 4 is Auth Type, byte 5 the interval in seconds; v3 has 4 reserved bits (ignored on receive,
        // RFC 5798 §5.2.6) and 12 bits of centiseconds.
        int intervalField = version == VrrpVersion.V2 ? message[5] : BinaryPrimitives.ReadUInt16BigEndian(message[4..]) & 0x0FFF;
        if (intervalField == 0)
        {
            // Not a listed RFC check, but a zero interval would make a Backup's Master_Down_Interval only Skew_Time.
            reason = DropReason.InvalidInterval;
            error = "advertisement interval is 0; the least valid value is 1";
            return false;
        }

        int addressLength = VrrpWire.AddressLength(family);
        var addresses = new IPAddress[count];
        for (int i = 0; i < count; i++)
        {
            addresses[i] = new IPAddress(message.Slice(VrrpWire.HeaderLength + (i * addressLength), addressLength));
        }

        packet = new AdvertisementPacket
        {
            Version = version,
            VirtualRouterId = message[1],
            Priority = message[2],
            AdvertisementInterval = AdvertisementIntervalField.Decode(version, intervalField),
            AuthType = version == VrrpVersion.V2 ? message[4] : (byte)0,
            AuthData = version == VrrpVersion.V2 ? message[^VrrpWire.V2AuthDataLength..].ToArray() : ReadOnlyMemory<byte>.Empty,
            Addresses = addresses,
            Family = family,
            Checksum = BinaryPrimitives.ReadUInt16BigEndian(message[6..]),
            ChecksumFormSeen = formSeen,
        };
        return true;
    }

    /// <summary>Version, type, family and exact length, in the order a reader of the header meets them.</summary>
    private static DropReason CheckStructure(
        ReadOnlySpan<byte> message, AddressFamily family, IPAddress source, IPAddress destination, out string error)
    {
        error = string.Empty;
        if (message.Length < VrrpWire.HeaderLength)
        {
            error = $"message is {message.Length} bytes; the VRRP header alone is {VrrpWire.HeaderLength}";
            return DropReason.Truncated;
        }

        int version = message[0] >> 4;
        if (version is not ((int)VrrpVersion.V2 or (int)VrrpVersion.V3))
        {
            error = $"version {version}; only 2 and 3 exist";
            return DropReason.UnknownVersion;
        }

        int type = message[0] & 0x0F;
        if (type != VrrpWire.AdvertisementType)
        {
            // RFC 3768 §5.3.2 / RFC 5798 §5.2.2: unknown types MUST be discarded; RFC 9568 §7.1 spells it out.
            error = $"type {type}; only 1 (ADVERTISEMENT) exists";
            return DropReason.UnknownType;
        }

        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            || source.AddressFamily != family || destination.AddressFamily != family)
        {
            error = $"received over {family} from {source} to {destination}";
            return DropReason.FamilyMismatch;
        }

        if (version == (int)VrrpVersion.V2 && family != AddressFamily.InterNetwork)
        {
            error = "VRRPv2 is IPv4 only (RFC 3768)";
            return DropReason.FamilyMismatch;
        }

        int count = message[3];
        if (count == 0 && version == (int)VrrpVersion.V3)
        {
            // RFC 9568 §5.2.5: a received count of 0 MUST be ignored.
            error = "address count is 0";
            return DropReason.ZeroAddressCount;
        }

        // Exact length (RFC 5798 §7.1 "complete packet"). v2 includes the 8 bytes of Authentication Data: that is
        // what rejects a CARP advert (same protocol 112, group and first byte 0x21, docs/design/vrrp-protocol.md §8.3 C1).
        int expected = GetEncodedLength((VrrpVersion)version, family, count);
        if (message.Length != expected)
        {
            string family4or6 = family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";
            error = $"length {message.Length} does not match {expected} for {count} {family4or6} addresses (v{version})";
            return DropReason.LengthMismatch;
        }

        return DropReason.None;
    }

    private static readonly ChecksumForm[] MessageOnlyForm = [ChecksumForm.MessageOnly];
    private static readonly ChecksumForm[] PseudoHeaderForm = [ChecksumForm.PseudoHeader];

    // Pseudo-header first: keepalived 2.2.7 and FRR send it by default, so it is the common case.
    private static readonly ChecksumForm[] EitherForm = [ChecksumForm.PseudoHeader, ChecksumForm.MessageOnly];

    private static ChecksumForm[] CandidateForms(VrrpVersion version, AddressFamily family) =>
        version == VrrpVersion.V2 ? MessageOnlyForm
        : family == AddressFamily.InterNetworkV6 ? PseudoHeaderForm
        : EitherForm;

    private static string DescribeBadChecksum(
        ReadOnlySpan<byte> message, VrrpVersion version, AddressFamily family, IPAddress source, IPAddress destination)
    {
        ushort onWire = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        if (version == VrrpVersion.V3 && family == AddressFamily.InterNetwork)
        {
            ushort withHeader = AdvertisementChecksum.Compute(message, ChecksumForm.PseudoHeader, source, destination);
            ushort messageOnly = AdvertisementChecksum.Compute(message, ChecksumForm.MessageOnly, source, destination);
            return $"checksum 0x{onWire:x4}; expected 0x{withHeader:x4} (with pseudo-header) or 0x{messageOnly:x4} (message only)";
        }

        ushort expected = AdvertisementChecksum.Compute(message, EffectiveForm(version, family, ChecksumForm.MessageOnly), source, destination);
        return $"checksum 0x{onWire:x4}; expected 0x{expected:x4}";
    }
}
