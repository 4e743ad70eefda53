using System.Globalization;

namespace Vrrpd.Configuration;

/// <summary>keepalived's <c>vrrp_track_file NAME { file PATH; weight W [reverse]; init_file [VALUE] [overwrite] }</c>
/// (also spelled <c>track_file NAME { }</c> at the top level): the file holds an integer, delta = value × weight.</summary>
internal static class TrackFileKeywords
{
    private static readonly KeywordTable<FileDraft> Table = new("vrrp_track_file", Handlers(), TrackerBlocks.NoneIgnored);

    /// <summary>The keywords of the block, for ConfigurationKeywords (documentation that cannot drift).</summary>
    internal static IEnumerable<string> Keywords => Table.Keywords;

    public static FileTrackerConfig? Read(Statement s, DiagnosticBag d)
    {
        FileDraft? draft = TrackerBlocks.Read(s, Table, (n, l) => new FileDraft(n, l), d);
        if (draft is null)
        {
            return null;
        }

        if (draft.Path is null)
        {
            d.Warning(s.Location, $"{s.Name} {draft.Name} has no 'file'; ignored, and so are the track_file entries naming it");
            return null;
        }

        return new FileTrackerConfig(draft.Name, draft.Path, draft.Weight, draft.Reverse, draft.InitValue, draft.InitOverwrite, draft.Location);
    }

    private static Dictionary<string, KeywordHandler<FileDraft>> Handlers() => new(StringComparer.Ordinal)
    {
        ["file"] = (s, f, d) =>
        {
            if (Values.ExpectArguments(s, 1, 1, "an absolute path", d) && TrackerBlocks.TryAbsolutePath(s.Arguments[0], s.Name, d))
            {
                f.Path = s.Arguments[0].Text;
            }
        },
        ["weight"] = (s, f, d) =>
        {
            if (TrackerTimingDraft.TryWeight(s, d, out int weight, out bool? reverse))
            {
                f.Weight = weight;
                f.Reverse = reverse ?? false;
            }
        },
        // keepalived: init_file [VALUE] [overwrite]; VALUE defaults to 0.
        ["init_file"] = (s, f, d) =>
        {
            if (!Values.ExpectArguments(s, 0, 2, "[VALUE] [overwrite]", d))
            {
                return;
            }

            f.InitValue = 0;
            foreach (Token word in s.Arguments)
            {
                if (word.Text == "overwrite")
                {
                    f.InitOverwrite = true;
                }
                else if (int.TryParse(word.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
                {
                    f.InitValue = value;
                }
                else
                {
                    d.Error(word.Location, $"'init_file' expects [VALUE] [overwrite], got '{word.Text}'");
                }
            }
        },
    };

    private sealed class FileDraft(string name, SourceLocation location)
    {
        public string Name { get; } = name;

        public SourceLocation Location { get; } = location;

        public string? Path { get; set; }

        /// <summary>keepalived's track_file default weight is 1.</summary>
        public int Weight { get; set; } = 1;

        public bool Reverse { get; set; }

        public int? InitValue { get; set; }

        public bool InitOverwrite { get; set; }
    }
}
