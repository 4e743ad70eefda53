using System.Net;

namespace Vrrpd.Configuration;

/// <summary>How <c>vrrp_track_neighbor</c> asks a neighbour whether it is there.</summary>
public enum NeighborProbeMethod
{
    /// <summary>An ARP request (IPv4) or a Neighbor Solicitation (IPv6); the neighbour's reply to our MAC answers.</summary>
    Arp,

    /// <summary>An ICMP or ICMPv6 echo request; the matching echo reply answers.</summary>
    Icmp,
}

/// <summary>
/// vrrpd's <c>vrrp_track_neighbor NAME { address IP...; quorum N; method arp|icmp; interface IF; interval; timeout;
/// rise; fall; weight W [reverse]; init_fail }</c>: is the gateway (or any listed neighbour) still reachable from
/// here? Healthy when at least <see cref="Quorum"/> of the addresses answer within the timeout
/// (docs/design/neighbor-tracking.md §2).
/// </summary>
/// <param name="Addresses">The neighbours to probe (IPv4 and IPv6); empty = the IPv4 default gateway of the main routing table,
/// looked up at every probe.</param>
/// <param name="Quorum">How many must answer; null = all of them.</param>
/// <param name="Interface">The interface to probe on; null = the one the kernel routes the address through.</param>
/// <param name="Timing">Timeout is how long one probe waits for answers (default: the interval).</param>
public sealed record NeighborTrackerConfig(
    string Name,
    IReadOnlyList<IPAddress> Addresses,
    int? Quorum,
    NeighborProbeMethod Method,
    string? Interface,
    TrackerTiming Timing,
    SourceLocation Location)
{
    /// <summary>The shortest interval (and timeout) accepted: 50 ms.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>How many answers make the tracker healthy.</summary>
    public int Required => Quorum ?? Math.Max(1, Addresses.Count);
}
