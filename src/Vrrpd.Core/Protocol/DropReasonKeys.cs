namespace Vrrpd.Protocol;

/// <summary>Stable snake_case names of <see cref="DropReason"/> for status JSON and counters: never rename one.</summary>
public static class DropReasonKeys
{
    public static string ToKey(this DropReason reason) => reason switch
    {
        DropReason.None => "none",
        DropReason.UnknownVersion => "unknown_version",
        DropReason.UnknownType => "unknown_type",
        DropReason.Truncated => "truncated",
        DropReason.LengthMismatch => "length_mismatch",
        DropReason.BadChecksum => "bad_checksum",
        DropReason.FamilyMismatch => "family_mismatch",
        DropReason.ZeroAddressCount => "zero_address_count",
        DropReason.InvalidInterval => "invalid_interval",
        DropReason.TtlNot255 => "ttl",
        DropReason.VersionMismatch => "version_mismatch",
        DropReason.UnknownVirtualRouterId => "unknown_vrid",
        DropReason.OwnerIgnoresAdvertisements => "owner_ignores_adverts",
        DropReason.AuthTypeMismatch => "auth_type_mismatch",
        DropReason.AuthFailed => "auth_failed",
        DropReason.IntervalMismatch => "interval_mismatch",
        DropReason.DestinationModeMismatch => "destination_mode_mismatch",
        DropReason.AddressListMismatch => "address_list_mismatch",
        DropReason.UnicastSourceNotPeer => "unicast_source_not_peer",
        DropReason.UnicastTtlOutOfRange => "unicast_ttl_out_of_range",
        _ => "unknown",
    };
}
