namespace Vrrpd.Configuration;

/// <summary>Everything read from the file, in file order, before completion and validation.</summary>
internal sealed class ConfigurationDraft
{
    public GlobalDraft Global { get; } = new();

    public List<InstanceDraft> Instances { get; } = [];

    public List<SyncGroupDraft> SyncGroups { get; } = [];

    public List<ScriptTrackerConfig> Scripts { get; } = [];

    public List<FileTrackerConfig> Files { get; } = [];

    public List<GpuTrackerConfig> Gpus { get; } = [];

    public List<ContainerTrackerConfig> Containers { get; } = [];

    public List<NeighborTrackerConfig> Neighbors { get; } = [];

    public List<ProcessTrackerConfig> Processes { get; } = [];

    public List<OwnershipConfig> Ownerships { get; } = [];

    /// <summary><c>vrrp_ownership</c> blocks that were written but could not be used: <c>ownership</c> lines naming
    /// them are not reported again as naming nothing.</summary>
    public HashSet<string> UnusableOwnerships { get; } = new(StringComparer.Ordinal);

    /// <summary>Tracker blocks that were written but could not be used (no script, no file): entries naming them
    /// are dropped with a warning rather than reported as unknown.</summary>
    public HashSet<(TrackerKind Kind, string Name)> Unusable { get; } = [];
}
