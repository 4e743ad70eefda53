namespace Vrrpd.Configuration;

/// <summary>A loaded, validated configuration: what the daemon runs.</summary>
public sealed record VrrpdConfiguration(
    GlobalDefinitions Global,
    IReadOnlyList<VrrpInstanceConfig> Instances,
    IReadOnlyList<SyncGroupConfig> SyncGroups)
{
    /// <summary><c>vrrp_script</c> blocks.</summary>
    public IReadOnlyList<ScriptTrackerConfig> Scripts { get; init; } = [];

    /// <summary><c>vrrp_track_file</c> (or top-level <c>track_file</c>) blocks.</summary>
    public IReadOnlyList<FileTrackerConfig> Files { get; init; } = [];

    /// <summary><c>vrrp_track_gpu</c> blocks.</summary>
    public IReadOnlyList<GpuTrackerConfig> Gpus { get; init; } = [];

    /// <summary><c>vrrp_track_container</c> blocks.</summary>
    public IReadOnlyList<ContainerTrackerConfig> Containers { get; init; } = [];

    /// <summary><c>vrrp_track_neighbor</c> blocks.</summary>
    public IReadOnlyList<NeighborTrackerConfig> Neighbors { get; init; } = [];

    /// <summary><c>vrrp_track_process</c> blocks.</summary>
    public IReadOnlyList<ProcessTrackerConfig> Processes { get; init; } = [];

    /// <summary><c>vrrp_ownership</c> blocks.</summary>
    public IReadOnlyList<OwnershipConfig> Ownerships { get; init; } = [];

    /// <summary>One entry per instance or sync group that names an <c>ownership</c>: the etcd key it is claimed
    /// through and the instances it gates. An instance not listed in any claim is not gated.</summary>
    public IReadOnlyList<OwnershipClaimConfig> OwnershipClaims { get; init; } = [];

    /// <summary>The claim that gates this instance (its own or its sync group's), or null.</summary>
    public OwnershipClaimConfig? ClaimOf(string instanceName) =>
        OwnershipClaims.FirstOrDefault(c => c.Instances.Contains(instanceName, StringComparer.Ordinal));
}
