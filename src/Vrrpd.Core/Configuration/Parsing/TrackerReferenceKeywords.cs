namespace Vrrpd.Configuration;

/// <summary>
/// The <c>track_script</c>, <c>track_file</c>, <c>track_gpu</c>, <c>track_container</c>, <c>track_neighbor</c> and <c>track_process</c> blocks of
/// <c>vrrp_instance</c> and <c>vrrp_sync_group</c>: one <c>NAME [weight N [reverse|noreverse]]</c> per line; a
/// weight here overrides the tracker's own for this instance (keepalived vrrp_parser.c).
/// </summary>
internal static class TrackerReferenceKeywords
{
    public static readonly IReadOnlyDictionary<string, TrackerKind> Blocks = new Dictionary<string, TrackerKind>(StringComparer.Ordinal)
    {
        ["track_script"] = TrackerKind.Script,
        ["track_file"] = TrackerKind.File,
        ["track_gpu"] = TrackerKind.Gpu,
        ["track_container"] = TrackerKind.Container,
        ["track_neighbor"] = TrackerKind.Neighbor,
        ["track_process"] = TrackerKind.Process,
    };

    /// <summary>The definition keyword that a track_* block refers to, for messages.</summary>
    public static string DefinitionKeyword(TrackerKind kind) => kind switch
    {
        TrackerKind.Script => "vrrp_script",
        TrackerKind.File => "vrrp_track_file",
        TrackerKind.Gpu => "vrrp_track_gpu",
        TrackerKind.Neighbor => "vrrp_track_neighbor",
        TrackerKind.Process => "vrrp_track_process",
        _ => "vrrp_track_container",
    };

    public static string ReferenceKeyword(TrackerKind kind) => Blocks.First(b => b.Value == kind).Key;

    public static void AddTo<TDraft>(Dictionary<string, KeywordHandler<TDraft>> table, Func<TDraft, List<TrackerReference>> list)
    {
        foreach ((string keyword, TrackerKind kind) in Blocks)
        {
            table[keyword] = (s, draft, d) => Read(s, kind, list(draft), d);
        }
    }

    private static void Read(Statement s, TrackerKind kind, List<TrackerReference> into, DiagnosticBag d)
    {
        if (!Values.ExpectBlock(s, 0, "{ NAME [weight -253..253 [reverse|noreverse]] ... }", d))
        {
            return;
        }

        foreach (Statement line in s.Block!)
        {
            IReadOnlyList<Token> args = line.Arguments;
            if (line.Block is not null || (args.Count > 0 && (args[0].Text != "weight" || args.Count < 2)))
            {
                Token at = args.Count > 0 ? args[0] : line.Keyword;
                d.Error(at.Location, $"'{s.Name}' expects NAME [weight -253..253 [reverse|noreverse]] per line");
                continue;
            }

            int? weight = null;
            bool? reverse = null;
            if (args.Count > 0)
            {
                if (!TrackerTimingDraft.TryWeightWords(args, 1, s.Name, d, out int w, out reverse))
                {
                    continue;
                }

                weight = w;
            }

            into.Add(new TrackerReference(kind, line.Name, weight, reverse, line.Location));
        }
    }
}
