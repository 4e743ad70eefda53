using System.Net;
using System.Net.Sockets;
using Vrrpd.Protocol;

namespace Vrrpd.Configuration;

/// <summary>One <c>vrrp_instance NAME { ... }</c> after keepalived's completion rules
/// (vrrp.c vrrp_complete_instance) have been applied.</summary>
public sealed record VrrpInstanceConfig
{
    public required string Name { get; init; }

    /// <summary>Where the <c>vrrp_instance</c> keyword is.</summary>
    public SourceLocation Location { get; init; }

    /// <summary><c>state MASTER|BACKUP</c>; null when not written.</summary>
    public InitialStateHint? InitialState { get; init; }

    /// <summary><c>interface</c>: where adverts are sent. Empty only for unicast instances without one.</summary>
    public string Interface { get; init; } = "";

    /// <summary><c>virtual_router_id 1..255</c> (RFC 5798 §5.2.3).</summary>
    public byte VirtualRouterId { get; init; }

    /// <summary><c>priority 1..255</c>, default 100; <c>state MASTER</c> without a priority gives 255 (keepalived).</summary>
    public byte Priority { get; init; } = 100;

    public bool PriorityWasSet { get; init; }

    /// <summary><c>advert_int</c>: v2 whole seconds 1..255, v3 centiseconds 0.01..40.95 s (RFC 5798 §5.2.7).</summary>
    public TimeSpan AdvertisementInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>version</c>, else the global <c>vrrp_version</c>, else 2 (keepalived's default). IPv6 is always 3.</summary>
    public VrrpVersion Version { get; init; } = VrrpVersion.V3;

    /// <summary>The family of the advertised addresses (one family per instance, RFC 5798 §5.2.9).</summary>
    public AddressFamily Family { get; init; } = AddressFamily.InterNetwork;

    /// <summary>Preempt_Mode (RFC 5798 §6.1); <c>nopreempt</c> clears it.</summary>
    public bool Preempt { get; init; } = true;

    /// <summary><c>preempt_delay 0..1000</c> s.</summary>
    public TimeSpan PreemptDelay { get; init; }

    /// <summary>v2 simple-password authentication; null when none.</summary>
    public AuthenticationConfig? Authentication { get; init; }

    public IReadOnlyList<VirtualAddressConfig> VirtualAddresses { get; init; } = [];

    /// <summary><c>virtual_ipaddress_excluded</c>: managed with the instance but not carried in adverts.</summary>
    public IReadOnlyList<VirtualAddressConfig> ExcludedAddresses { get; init; } = [];

    /// <summary><c>unicast_src_ip</c> / <c>mcast_src_ip</c>: the advert source address.</summary>
    public IPAddress? UnicastSource { get; init; }

    public IReadOnlyList<UnicastPeerConfig> UnicastPeers { get; init; } = [];

    public IReadOnlyList<TrackedInterfaceConfig> TrackInterfaces { get; init; } = [];

    /// <summary>track_script / track_file / track_gpu / track_container entries (and those of the instance's sync
    /// group). After loading, <see cref="TrackerReference.Weight"/> and <see cref="TrackerReference.Reverse"/> are
    /// always set: the entry's override, else the tracker's own; every name refers to a defined tracker.</summary>
    public IReadOnlyList<TrackerReference> Trackers { get; init; } = [];

    public GarpSettings Garp { get; init; } = GarpSettings.Default;

    public bool V3ChecksumAsV2 { get; init; }

    public bool CheckUnicastSource { get; init; }

    /// <summary>Adverts missed before the master is declared down (3 in RFC 5798 §6.1).</summary>
    public int DownTimerAdverts { get; init; } = 3;

    public NotifyCommands Notify { get; init; } = NotifyCommands.None;

    /// <summary>Accept_Mode (RFC 5798 §6.1): keepalived accepts by default; <c>no_accept</c> clears it.</summary>
    public bool Accept { get; init; } = true;

    /// <summary><c>dont_track_primary</c>: the instance interface going down does not cause Fault.</summary>
    public bool DontTrackPrimary { get; init; }

    /// <summary><c>ownership NAME</c> of the instance itself (not of its sync group); null when none. After loading it
    /// names a defined <c>vrrp_ownership</c>; <see cref="VrrpdConfiguration.OwnershipClaims"/> has the resolved claim.</summary>
    public string? Ownership { get; init; }
}
