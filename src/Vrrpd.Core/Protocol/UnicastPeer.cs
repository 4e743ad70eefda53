using System.Net;

namespace Vrrpd.Protocol;

/// <summary>
/// A keepalived <c>unicast_peer { IP [min_ttl N] [max_ttl N] }</c> entry. A TTL range turns on both the source
/// check and the TTL check for unicast adverts (unicast adverts are a vendor extension, in no RFC).
/// </summary>
public sealed record UnicastPeer(IPAddress Address, byte? MinTtl = null, byte? MaxTtl = null)
{
    public bool HasTtlRange => MinTtl is not null || MaxTtl is not null;

    /// <summary>keepalived's defaults: a missing bound is 0 (min) or 255 (max).</summary>
    public bool AcceptsTtl(int ttl) => ttl >= (MinTtl ?? 0) && ttl <= (MaxTtl ?? byte.MaxValue);
}
