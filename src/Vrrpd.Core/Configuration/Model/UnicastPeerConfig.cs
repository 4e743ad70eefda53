using System.Net;

namespace Vrrpd.Configuration;

/// <summary><c>unicast_peer { IP [min_ttl N] [max_ttl N] }</c>: a TTL range also checks received adverts.</summary>
public sealed record UnicastPeerConfig(IPAddress Address, int? MinTtl, int? MaxTtl);
