namespace Vrrpd.Configuration;

/// <summary>Everything read from the file, in file order, before completion and validation.</summary>
internal sealed class ConfigurationDraft
{
    public GlobalDraft Global { get; } = new();

    public List<InstanceDraft> Instances { get; } = [];

    public List<SyncGroupDraft> SyncGroups { get; } = [];
}
