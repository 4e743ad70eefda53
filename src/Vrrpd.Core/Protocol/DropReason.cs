namespace Vrrpd.Protocol;

/// <summary>
/// Why a received advertisement was discarded (RFC 3768 / 5798 / 9568 §7.1, plus keepalived's extra checks).
/// <see cref="DropReasonKeys.ToKey"/> gives the stable name used in status JSON and counters.
/// </summary>
public enum DropReason
{
    None,

    // Packet checks (AdvertisementPacket.TryDecode): the message alone.
    UnknownVersion,
    UnknownType,
    Truncated,
    LengthMismatch,
    BadChecksum,
    FamilyMismatch,
    ZeroAddressCount,
    InvalidInterval,

    // Instance checks (AdvertisementReceiveCheck): the message against one configured instance.
    TtlNot255,
    VersionMismatch,
    UnknownVirtualRouterId,
    OwnerIgnoresAdvertisements,
    AuthTypeMismatch,
    AuthFailed,
    IntervalMismatch,
    DestinationModeMismatch,
    AddressListMismatch,
    UnicastSourceNotPeer,
    UnicastTtlOutOfRange,
}
