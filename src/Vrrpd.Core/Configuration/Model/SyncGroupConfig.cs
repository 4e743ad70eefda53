namespace Vrrpd.Configuration;

/// <summary><c>vrrp_sync_group NAME { group { I1 I2 } notify_* }</c>: instances that change state together.</summary>
public sealed record SyncGroupConfig(
    string Name,
    IReadOnlyList<string> Members,
    NotifyCommands Notify,
    SourceLocation Location)
{
    /// <summary><c>ownership NAME</c>: the group's members hold their addresses only while this host holds the
    /// group's etcd key; null when none (docs/design/ownership.md §2).</summary>
    public string? Ownership { get; init; }
}
