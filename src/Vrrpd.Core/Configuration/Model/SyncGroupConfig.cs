namespace Vrrpd.Configuration;

/// <summary><c>vrrp_sync_group NAME { group { I1 I2 } notify_* }</c>: instances that change state together.</summary>
public sealed record SyncGroupConfig(
    string Name,
    IReadOnlyList<string> Members,
    NotifyCommands Notify,
    SourceLocation Location);
