namespace Vrrpd.Configuration;

/// <summary>A <c>vrrp_sync_group</c> as written.</summary>
internal sealed class SyncGroupDraft(string name, SourceLocation location)
{
    public string Name { get; } = name;

    public SourceLocation Location { get; } = location;

    public List<Token> Members { get; } = [];

    public NotifyDraft Notify { get; } = new();

    /// <summary>Group-level track_* entries: every member tracks them, unweighted (keepalived vrrp_sync.c).</summary>
    public List<TrackerReference> Trackers { get; } = [];

    /// <summary><c>ownership NAME</c>: the whole group is claimed through one etcd key.</summary>
    public Token? Ownership { get; set; }
}
