using System.Net;
using Vrrpd.Protocol;

namespace Vrrpd.Configuration;

/// <summary>A <c>vrrp_instance</c> as written. Values that depend on each other (version, interval, family,
/// priority) are settled by <see cref="InstanceCompleter"/> once the whole block is read, since keepalived
/// accepts keywords in any order.</summary>
internal sealed class InstanceDraft(string name, SourceLocation location)
{
    public string Name { get; } = name;

    public SourceLocation Location { get; } = location;

    public InitialStateHint? State { get; set; }

    public string? Interface { get; set; }

    public byte VirtualRouterId { get; set; }

    public byte? Priority { get; set; }

    /// <summary>The interval and the word it came from, checked against the version later.</summary>
    public (TimeSpan Value, Token Token)? AdvertisementInterval { get; set; }

    public (VrrpVersion Value, Token Token)? Version { get; set; }

    public Token? NoPreempt { get; set; }

    public TimeSpan PreemptDelay { get; set; }

    public (AuthenticationConfig Value, SourceLocation Location)? Authentication { get; set; }

    public List<VirtualAddressDraft> VirtualAddresses { get; } = [];

    public List<VirtualAddressDraft> ExcludedAddresses { get; } = [];

    public (IPAddress Value, Token Token)? UnicastSource { get; set; }

    public List<(UnicastPeerConfig Peer, SourceLocation Location)> UnicastPeers { get; } = [];

    public List<TrackedInterfaceConfig> TrackInterfaces { get; } = [];

    /// <summary>track_script / track_file / track_gpu / track_container entries, in file order.</summary>
    public List<TrackerReference> Trackers { get; } = [];

    public GarpOverrides Garp { get; } = new();

    public bool? V3ChecksumAsV2 { get; set; }

    public bool? CheckUnicastSource { get; set; }

    public int? DownTimerAdverts { get; set; }

    public NotifyDraft Notify { get; } = new();

    public bool Accept { get; set; } = true;

    public bool DontTrackPrimary { get; set; }

    /// <summary><c>ownership NAME</c>: the word naming a <c>vrrp_ownership</c> block.</summary>
    public Token? Ownership { get; set; }
}

/// <summary>A virtual address line; <see cref="Device"/> is null when it should follow the instance interface.</summary>
internal sealed record VirtualAddressDraft(
    IPAddress Address,
    int PrefixLength,
    string? Device,
    string? Label,
    IPAddress? Broadcast,
    AddressScope Scope,
    bool NoTrack,
    SourceLocation Location);
