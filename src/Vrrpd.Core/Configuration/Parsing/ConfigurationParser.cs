namespace Vrrpd.Configuration;

/// <summary>The top level of keepalived.conf: <c>global_defs</c>, <c>vrrp_instance</c>, <c>vrrp_sync_group</c>, the
/// tracker definitions (<c>vrrp_script</c>, <c>vrrp_track_file</c>, <c>vrrp_track_gpu</c>, <c>vrrp_track_container</c>,
/// <c>vrrp_track_neighbor</c>, <c>vrrp_track_process</c>), <c>vrrp_ownership</c>,
/// and the sections vrrpd skips with a warning (LVS, static addresses, ...).</summary>
internal static class ConfigurationParser
{
    private static readonly KeywordTable<ConfigurationDraft> Table = new("the top level", new Dictionary<string, KeywordHandler<ConfigurationDraft>>(StringComparer.Ordinal)
    {
        ["global_defs"] = (s, c, d) =>
        {
            // Several global_defs blocks are merged in order, as keepalived does.
            if (Values.ExpectBlock(s, 0, "{ ... }", d))
            {
                GlobalDefsKeywords.Table.Dispatch(s.Block!, c.Global, d);
            }
        },
        ["vrrp_instance"] = (s, c, d) =>
        {
            if (Values.ExpectBlock(s, 1, "a name and a { } block", d))
            {
                var instance = new InstanceDraft(s.Arguments[0].Text, s.Location);
                InstanceKeywords.Table.Dispatch(s.Block!, instance, d);
                c.Instances.Add(instance);
            }
        },
        ["vrrp_sync_group"] = (s, c, d) =>
        {
            if (Values.ExpectBlock(s, 1, "a name and a { } block", d))
            {
                var group = new SyncGroupDraft(s.Arguments[0].Text, s.Location);
                SyncGroupKeywords.Read(s, group, d);
                c.SyncGroups.Add(group);
            }
        },
        ["vrrp_script"] = (s, c, d) => AddIfRead(c, TrackerKind.Script, s, c.Scripts, ScriptKeywords.Read(s, d)),
        ["vrrp_track_file"] = (s, c, d) => AddIfRead(c, TrackerKind.File, s, c.Files, TrackFileKeywords.Read(s, d)),
        ["track_file"] = (s, c, d) => AddIfRead(c, TrackerKind.File, s, c.Files, TrackFileKeywords.Read(s, d)),
        ["vrrp_track_gpu"] = (s, c, d) => AddIfRead(c, TrackerKind.Gpu, s, c.Gpus, GpuTrackerKeywords.Read(s, d)),
        ["vrrp_track_container"] = (s, c, d) => AddIfRead(c, TrackerKind.Container, s, c.Containers, ContainerTrackerKeywords.Read(s, d)),
        ["vrrp_track_neighbor"] = (s, c, d) => AddIfRead(c, TrackerKind.Neighbor, s, c.Neighbors, NeighborTrackerKeywords.Read(s, d)),
        ["vrrp_track_process"] = (s, c, d) => AddIfRead(c, TrackerKind.Process, s, c.Processes, ProcessTrackerKeywords.Read(s, d)),
        ["vrrp_ownership"] = (s, c, d) =>
        {
            if (OwnershipKeywords.Read(s, d) is { } ownership)
            {
                c.Ownerships.Add(ownership);
            }
            else if (s.Arguments.Count > 0)
            {
                c.UnusableOwnerships.Add(s.Arguments[0].Text);
            }
        },
    }, KeepalivedKeywords.TopLevel);

    public static IEnumerable<string> Keywords => Table.Keywords;

    private static void AddIfRead<T>(ConfigurationDraft draft, TrackerKind kind, Statement s, List<T> list, T? item)
        where T : class
    {
        if (item is not null)
        {
            list.Add(item);
        }
        else if (s.Arguments.Count > 0)
        {
            draft.Unusable.Add((kind, s.Arguments[0].Text));
        }
    }

    public static ConfigurationDraft Parse(IReadOnlyList<Statement> statements, DiagnosticBag diagnostics)
    {
        var draft = new ConfigurationDraft();
        Table.Dispatch(statements, draft, diagnostics);
        return draft;
    }
}
