namespace Vrrpd.Configuration;

/// <summary>The top level of keepalived.conf: <c>global_defs</c>, <c>vrrp_instance</c>, <c>vrrp_sync_group</c>,
/// and the sections vrrpd skips with a warning (LVS, scripts, static addresses, ...).</summary>
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
    }, KeepalivedKeywords.TopLevel);

    public static ConfigurationDraft Parse(IReadOnlyList<Statement> statements, DiagnosticBag diagnostics)
    {
        var draft = new ConfigurationDraft();
        Table.Dispatch(statements, draft, diagnostics);
        return draft;
    }
}
