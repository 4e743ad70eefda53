namespace Vrrpd.Configuration;

/// <summary>keepalived's <c>vrrp_script NAME { script "CMD ARGS"; interval; timeout; weight W [reverse]; rise;
/// fall; user USER [GROUP]; init_fail }</c> (vrrp_parser.c). The command is split into argv, never given to a shell.</summary>
internal static class ScriptKeywords
{
    private const string ScriptForm = "a command (quoted when it has arguments)";

    private static readonly KeywordTable<ScriptDraft> Table = new("vrrp_script", Handlers(), TrackerBlocks.NoneIgnored);

    /// <summary>The keywords of the block, for ConfigurationKeywords (documentation that cannot drift).</summary>
    internal static IEnumerable<string> Keywords => Table.Keywords;

    public static ScriptTrackerConfig? Read(Statement s, DiagnosticBag d)
    {
        ScriptDraft? draft = TrackerBlocks.Read(s, Table, (n, l) => new ScriptDraft(n, l), d);
        if (draft is null)
        {
            return null;
        }

        if (draft.Script is null)
        {
            // A warning, as keepalived only logs it: Debian's conditional_conf sample has a script only under @ids.
            d.Warning(s.Location, $"vrrp_script {draft.Name} has no 'script'; ignored, and so are the track_script entries naming it");
            return null;
        }

        CommandLine script = draft.Script with { User = draft.User, Group = draft.Group };
        return new ScriptTrackerConfig(draft.Name, script, draft.Timing.Build(TrackerTiming.Default), draft.Location);
    }

    private static Dictionary<string, KeywordHandler<ScriptDraft>> Handlers()
    {
        var table = new Dictionary<string, KeywordHandler<ScriptDraft>>(StringComparer.Ordinal)
        {
            ["script"] = (s, t, d) =>
            {
                if (!Values.ExpectArguments(s, 1, 1, ScriptForm, d))
                {
                    return;
                }

                Token command = s.Arguments[0];
                if (!CommandLineSplitter.TrySplit(command.Text, out List<string> argv, out string? error) || argv.Count == 0)
                {
                    d.Error(command.Location, $"'script' expects {ScriptForm}; {error ?? "it is empty"}");
                    return;
                }

                t.Script = new CommandLine(command.Text, argv);
            },
            ["user"] = (s, t, d) =>
            {
                if (Values.ExpectArguments(s, 1, 2, "a user name, optionally followed by a group name", d))
                {
                    t.User = s.Arguments[0].Text;
                    t.Group = s.Arguments.Count > 1 ? s.Arguments[1].Text : null;
                }
            },
        };
        TrackerTimingDraft.AddTo(table, t => t.Timing);
        return table;
    }

    private sealed class ScriptDraft(string name, SourceLocation location)
    {
        public string Name { get; } = name;

        public SourceLocation Location { get; } = location;

        public TrackerTimingDraft Timing { get; } = new();

        public CommandLine? Script { get; set; }

        public string? User { get; set; }

        public string? Group { get; set; }
    }
}
