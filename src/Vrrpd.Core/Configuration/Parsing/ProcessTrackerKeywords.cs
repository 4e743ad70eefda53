namespace Vrrpd.Configuration;

/// <summary>keepalived's <c>vrrp_track_process NAME { process NAME [PARAM...]; param_match [exact|partial|initial];
/// full_command; quorum N; quorum_max N; delay S; terminate_delay S; fork_delay S; weight W [reverse] }</c>
/// (keepalived vrrp_parser.c and keepalived.conf(5); docs/design/process-tracking.md §2, §3).</summary>
internal static class ProcessTrackerKeywords
{
    private const int MaxQuorum = 65535;

    private static readonly KeywordTable<ProcessDraft> Table = new("vrrp_track_process", Handlers(), TrackerBlocks.NoneIgnored);

    /// <summary>The keywords this block takes (for <see cref="KnownKeywords"/>).</summary>
    public static IEnumerable<string> Keywords => Table.Keywords;

    public static ProcessTrackerConfig? Read(Statement s, DiagnosticBag d)
    {
        ProcessDraft? draft = TrackerBlocks.Read(s, Table, (n, l) => new ProcessDraft(n, l), d);
        if (draft is null)
        {
            return null;
        }

        if (draft.ProcessName is not { } process)
        {
            d.Error(s.Location, $"vrrp_track_process {draft.Name} has no 'process': which process to look for is required");
            return null;
        }

        // keepalived: quorum_max 0 ("fail while any runs") sets the quorum to 0, unless a quorum above 1 was asked.
        int quorum = draft.Quorum?.Value ?? 1;
        if (draft.QuorumMax is { } max)
        {
            if (max.Value == 0 && quorum <= 1)
            {
                quorum = 0;
            }
            else if (max.Value < quorum)
            {
                d.Error(max.Location, $"'quorum_max' {max.Value} in vrrp_track_process {draft.Name} is below its quorum {quorum}");
                return null;
            }
        }

        // Parameters or param_match compare the command line, so they imply full_command (keepalived).
        ProcessParameterMatch match = draft.Match ?? (draft.Parameters.Count > 0 ? ProcessParameterMatch.Exact : ProcessParameterMatch.None);
        bool fullCommand = draft.FullCommand || match != ProcessParameterMatch.None;
        if (!fullCommand && process.Value.Length > ProcessTrackerConfig.MaxCommLength)
        {
            d.Warning(process.Location,
                $"'process' {process.Value} in vrrp_track_process {draft.Name} is longer than the {ProcessTrackerConfig.MaxCommLength} characters the kernel keeps of a process name, so no process matches it; add 'full_command' to match argv[0]");
        }

        return new ProcessTrackerConfig(draft.Name, process.Value, draft.Parameters, match, fullCommand,
            quorum, draft.QuorumMax?.Value, draft.ForkDelay, draft.TerminateDelay, draft.Weight, draft.Reverse, draft.Location);
    }

    private static Dictionary<string, KeywordHandler<ProcessDraft>> Handlers() => new(StringComparer.Ordinal)
    {
        ["process"] = (s, p, d) =>
        {
            if (!Values.ExpectArguments(s, 1, 256, "a process name, optionally followed by its parameters", d))
            {
                return;
            }

            if (p.ProcessName is { } first)
            {
                d.Error(s.Arguments[0].Location, $"'process' is given twice in vrrp_track_process {p.Name} (first at {first.Location})");
                return;
            }

            p.ProcessName = (s.Arguments[0].Text, s.Arguments[0].Location);
            p.Parameters.AddRange(s.Arguments.Skip(1).Select(a => a.Text));
        },
        ["param_match"] = (s, p, d) =>
        {
            if (!Values.ExpectArguments(s, 0, 1, "nothing (exact), exact, partial or initial", d))
            {
                return;
            }

            switch (s.Arguments.Count == 0 ? "exact" : s.Arguments[0].Text)
            {
                case "exact":
                    p.Match = ProcessParameterMatch.Exact;
                    break;
                case "partial":
                    p.Match = ProcessParameterMatch.Partial;
                    break;
                case "initial":
                    p.Match = ProcessParameterMatch.Initial;
                    break;
                default:
                    d.Error(s.Arguments[0].Location, $"'param_match' expects exact, partial or initial, got '{s.Arguments[0].Text}'");
                    break;
            }
        },
        ["full_command"] = (s, p, d) =>
        {
            if (Values.ExpectArguments(s, 0, 0, "no value", d))
            {
                p.FullCommand = true;
            }
        },
        ["quorum"] = (s, p, d) =>
        {
            if (Values.ExpectArguments(s, 1, 1, $"an integer 1..{MaxQuorum}", d)
                && Values.TryInteger(s.Arguments[0], s.Name, 1, MaxQuorum, d, out int value))
            {
                p.Quorum = (value, s.Arguments[0].Location);
            }
        },
        ["quorum_max"] = (s, p, d) =>
        {
            if (Values.ExpectArguments(s, 1, 1, $"an integer 0..{MaxQuorum}", d)
                && Values.TryInteger(s.Arguments[0], s.Name, 0, MaxQuorum, d, out int value))
            {
                p.QuorumMax = (value, s.Arguments[0].Location);
            }
        },
        ["delay"] = (s, p, d) =>
        {
            if (TryDelay(s, d, out TimeSpan value))
            {
                p.ForkDelay = value;
                p.TerminateDelay = value;
            }
        },
        ["terminate_delay"] = (s, p, d) =>
        {
            if (TryDelay(s, d, out TimeSpan value))
            {
                p.TerminateDelay = value;
            }
        },
        ["fork_delay"] = (s, p, d) =>
        {
            if (TryDelay(s, d, out TimeSpan value))
            {
                p.ForkDelay = value;
            }
        },
        ["weight"] = (s, p, d) =>
        {
            if (TrackerTimingDraft.TryWeight(s, d, out int weight, out bool? reverse))
            {
                p.Weight = weight;
                p.Reverse = reverse ?? false;
            }
        },
    };

    /// <summary>keepalived: fractions of a second, above 0 and at most 3600 s.</summary>
    private static bool TryDelay(Statement s, DiagnosticBag d, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        return Values.ExpectArguments(s, 1, 1, "seconds (fractions allowed, above 0, at most 3600)", d)
            && Values.TryTimer(s.Arguments[0], s.Name, TimeSpan.FromTicks(10), ProcessTrackerConfig.MaxDelay, d, out value);
    }

    private sealed class ProcessDraft(string name, SourceLocation location)
    {
        public string Name { get; } = name;

        public SourceLocation Location { get; } = location;

        public (string Value, SourceLocation Location)? ProcessName { get; set; }

        public List<string> Parameters { get; } = [];

        public ProcessParameterMatch? Match { get; set; }

        public bool FullCommand { get; set; }

        public (int Value, SourceLocation Location)? Quorum { get; set; }

        public (int Value, SourceLocation Location)? QuorumMax { get; set; }

        public TimeSpan ForkDelay { get; set; }

        public TimeSpan TerminateDelay { get; set; }

        public int Weight { get; set; }

        public bool Reverse { get; set; }
    }
}
