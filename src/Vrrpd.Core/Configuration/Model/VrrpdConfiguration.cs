namespace Vrrpd.Configuration;

/// <summary>A loaded, validated configuration: what the daemon runs.</summary>
public sealed record VrrpdConfiguration(
    GlobalDefinitions Global,
    IReadOnlyList<VrrpInstanceConfig> Instances,
    IReadOnlyList<SyncGroupConfig> SyncGroups);
