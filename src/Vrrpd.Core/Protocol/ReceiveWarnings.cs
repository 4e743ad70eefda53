namespace Vrrpd.Protocol;

/// <summary>Differences that are logged (rate-limited) but do not discard the advert.</summary>
[Flags]
public enum ReceiveWarnings
{
    None = 0,

    /// <summary>v3: the sender's interval differs from ours; the Backup learns it (RFC 9568 §7.1: log, do not drop).</summary>
    IntervalMismatch = 1,

    /// <summary>The address list differs from ours: v3 always, v2 only from an owner (priority 255).</summary>
    AddressListMismatch = 2,
}
