namespace Vrrpd.Configuration;

/// <summary>What is claimed through etcd: one instance, or one sync group as a whole.</summary>
public enum OwnershipScope
{
    Instance,
    SyncGroup,
}

/// <summary>
/// One key in etcd whose holder may hold the addresses of <see cref="Instances"/>: an instance's own
/// <c>ownership NAME</c>, or a sync group's (which covers every member). Built by validation, one per
/// instance or group that names an ownership (docs/design/ownership.md §2).
/// </summary>
/// <param name="Key">The etcd key: <c>key_prefix</c> + <c>instance/NAME</c> or <c>sync_group/NAME</c>, the same on
/// every host that runs the instance or group.</param>
/// <param name="Instances">The instances gated by this claim (one, or the group's members).</param>
public sealed record OwnershipClaimConfig(
    OwnershipScope Scope,
    string Name,
    string Key,
    OwnershipConfig Ownership,
    IReadOnlyList<string> Instances);
