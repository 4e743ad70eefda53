namespace Vrrpd.Configuration;

/// <summary>The <c>vrrp_sync_group NAME { group { I1 I2 ... } notify_* }</c> keywords.</summary>
internal static class SyncGroupKeywords
{
    public static readonly KeywordTable<SyncGroupDraft> Table = new("vrrp_sync_group", Handlers(), KeepalivedKeywords.SyncGroup);

    private static Dictionary<string, KeywordHandler<SyncGroupDraft>> Handlers()
    {
        var table = new Dictionary<string, KeywordHandler<SyncGroupDraft>>(StringComparer.Ordinal)
        {
            // keepalived reads the group as a word list, so one line or many both work.
            ["group"] = (s, g, d) =>
            {
                if (Values.ExpectBlock(s, 0, "{ INSTANCE ... }", d))
                {
                    g.Members.AddRange(s.BlockWords());
                }
            },
        };
        NotifyKeywords.AddTo(table, g => g.Notify);
        TrackerReferenceKeywords.AddTo(table, g => g.Trackers);
        table["ownership"] = (s, g, d) =>
        {
            if (OwnershipReference.Read(s, g.Ownership, $"vrrp_sync_group {g.Name}", d) is { } name)
            {
                g.Ownership = name;
            }
        };
        return table;
    }

    /// <summary>
    /// A bare word directly in the group (Debian's keepalived.conf.vrrp.lvs_syncd sample writes
    /// <c>vrrp_sync_group VG1 { VI_2 VI_3 }</c>) is skipped by keepalived as an unknown keyword, which leaves the
    /// group empty. vrrpd does the same, with a warning that says what was probably meant, so that file still loads.
    /// </summary>
    public static void Read(Statement s, SyncGroupDraft group, DiagnosticBag d)
    {
        var keywords = new List<Statement>();
        foreach (Statement child in s.Block!)
        {
            bool bareWord = child.Arguments.Count == 0 && child.Block is null
                && !Table.Keywords.Contains(child.Name)
                && !KeepalivedKeywords.SyncGroup.ContainsKey(child.Name);
            if (bareWord)
            {
                d.Warning(child.Location, $"'{child.Name}' is not a vrrp_sync_group keyword; instance names belong inside 'group {{ }}'; ignored (keepalived ignores it too)");
            }
            else
            {
                keywords.Add(child);
            }
        }

        Table.Dispatch(keywords, group, d);
    }
}
