using System.Net;
using System.Net.Sockets;

namespace Vrrpd.Protocol;

/// <summary>
/// One VRRP ADVERTISEMENT, v2 (RFC 3768 §5.1) or v3 (RFC 5798 / RFC 9568 §5.1), for IPv4 or IPv6.
/// Built by the daemon to send (<see cref="WriteTo"/>), or produced by <see cref="TryDecode(ReadOnlySpan{byte},
/// AddressFamily, IPAddress, IPAddress, out AdvertisementPacket?, out DropReason)"/> from a received message.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// |Version| Type  | Virtual Rtr ID|   Priority    |Count IPvX Addr|
/// v2: | Auth Type   |   Adver Int   |          Checksum             |
/// v3: |(rsvd) |     Max Adver Int     |          Checksum             |
/// |                        IPvX Address(es)                       |
/// v2 only:                Authentication Data (8 bytes)
/// </code>
/// </summary>
public sealed partial class AdvertisementPacket
{
    public required VrrpVersion Version { get; init; }

    /// <summary>VRID 1–255 (RFC 5798 §5.2.3).</summary>
    public required byte VirtualRouterId { get; init; }

    /// <summary>255 = address owner, 1–254 backups, 0 = the Master stops participating (RFC 5798 §5.2.4).</summary>
    public required byte Priority { get; init; }

    /// <summary>v2: the Adver Int field in whole seconds; v3: Max Adver Int, 12 bits of centiseconds.</summary>
    public required TimeSpan AdvertisementInterval { get; init; }

    /// <summary>v2 Auth Type (<see cref="AuthenticationType"/>); always 0 in v3, which has none.</summary>
    public byte AuthType { get; init; }

    /// <summary>v2 Authentication Data: 8 bytes on the wire (shorter is zero-padded on send). Empty in v3.</summary>
    public ReadOnlyMemory<byte> AuthData { get; init; }

    /// <summary>The virtual addresses, all of <see cref="Family"/>; IPv6 lists start with the link-local one.</summary>
    public required IReadOnlyList<IPAddress> Addresses { get; init; }

    /// <summary>The IP version it travels in; RFC 9568 §5.2.9: must match the IP header.</summary>
    public required AddressFamily Family { get; init; }

    /// <summary>The checksum as it was on the wire (received packets only; 0 for a packet built to send).</summary>
    public ushort Checksum { get; private init; }

    /// <summary>
    /// Which form verified on receive. v2 is always <see cref="ChecksumForm.MessageOnly"/>, IPv6 always
    /// <see cref="ChecksumForm.PseudoHeader"/>; for v3/IPv4 it tells which convention the peer uses.
    /// Null for a packet built to send.
    /// </summary>
    public ChecksumForm? ChecksumFormSeen { get; private init; }

    /// <summary>
    /// Bytes of an advertisement: 8 + count × 4 (IPv4) or 16 (IPv6), plus 8 bytes of Authentication Data in v2
    /// (RFC 3768 §5.1, RFC 5798 §5.1).
    /// </summary>
    public static int GetEncodedLength(VrrpVersion version, AddressFamily family, int addressCount) =>
        VrrpWire.HeaderLength
        + (addressCount * VrrpWire.AddressLength(family))
        + (version == VrrpVersion.V2 ? VrrpWire.V2AuthDataLength : 0);

    /// <summary>The form the RFCs fix where there is no choice: v2 message only, IPv6 with pseudo-header.</summary>
    internal static ChecksumForm EffectiveForm(VrrpVersion version, AddressFamily family, ChecksumForm requested) =>
        version == VrrpVersion.V2 ? ChecksumForm.MessageOnly
        : family == AddressFamily.InterNetworkV6 ? ChecksumForm.PseudoHeader
        : requested;
}
