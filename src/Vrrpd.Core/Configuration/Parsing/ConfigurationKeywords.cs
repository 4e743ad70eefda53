namespace Vrrpd.Configuration;

/// <summary>The keywords vrrpd implements and the keepalived keywords it accepts with a warning, per section,
/// straight from the dispatch tables: for <c>--help</c> output and documentation that cannot drift.</summary>
public static class ConfigurationKeywords
{
    public static IReadOnlyList<string> TopLevel { get; } = Sorted(ConfigurationParser.Keywords);

    public static IReadOnlyList<string> GlobalDefs { get; } = Sorted(GlobalDefsKeywords.Table.Keywords);

    /// <summary>Includes the block keywords; <c>auth_type</c>/<c>auth_pass</c> live inside <c>authentication</c>.</summary>
    public static IReadOnlyList<string> Instance { get; } = Sorted(InstanceKeywords.Table.Keywords);

    public static IReadOnlyList<string> SyncGroup { get; } = Sorted(SyncGroupKeywords.Table.Keywords);

    /// <summary>The keywords inside each tracker block (vrrp_track_gpu, vrrp_track_container, vrrp_track_neighbor,
    /// vrrp_track_process, vrrp_script, vrrp_track_file), by block.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Trackers { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["vrrp_track_gpu"] = Sorted(GpuTrackerKeywords.Keywords),
        ["vrrp_track_container"] = Sorted(ContainerTrackerKeywords.Keywords),
        ["vrrp_track_neighbor"] = Sorted(NeighborTrackerKeywords.Keywords),
        ["vrrp_track_process"] = Sorted(ProcessTrackerKeywords.Keywords),
        ["vrrp_script"] = Sorted(ScriptKeywords.Keywords),
        ["vrrp_track_file"] = Sorted(TrackFileKeywords.Keywords),
    };

    /// <summary>keepalived keywords that load with a warning and are ignored, by section.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> IgnoredWithWarning { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["top level"] = Sorted(KeepalivedKeywords.TopLevel.Keys),
        ["global_defs"] = Sorted(KeepalivedKeywords.Global.Keys),
        ["vrrp_instance"] = Sorted(KeepalivedKeywords.Instance.Keys),
        ["vrrp_sync_group"] = Sorted(KeepalivedKeywords.SyncGroup.Keys),
    };

    /// <summary>keepalived interface modes vrrpd replaces with running on the interface itself (a warning saying so).</summary>
    public static IReadOnlyDictionary<string, string> Fallbacks => KeepalivedKeywords.Unsupported;

    private static string[] Sorted(IEnumerable<string> keywords) => keywords.Order(StringComparer.Ordinal).ToArray();
}
