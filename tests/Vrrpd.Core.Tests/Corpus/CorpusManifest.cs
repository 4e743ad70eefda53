namespace Vrrpd.Tests.Corpus;

/// <summary>One row of <c>Corpus/manifest.tsv</c>: where a real-world keepalived.conf came from, what keepalived 2.2.7
/// said about it, and what vrrpd must make of it (docs/keepalived-corpus.md).</summary>
internal sealed record CorpusEntry(
    string File,
    string Repository,
    string PathInRepository,
    string Commit,
    string Licence,
    string? ConfigId,
    KeepalivedVerdict Keepalived,
    string KeepalivedSays,
    ExpectedOutcome Expected,
    string? Refusal,
    IReadOnlyList<string> Ignored,
    int Instances,
    int? FirstVirtualRouterId,
    int? FirstPriority)
{
    /// <summary>keepalived runs the file with the meaning written: nothing reported, or only notices whose effect
    /// is documented (a password cut to 8 bytes, a deprecated spelling, a missing VIP).</summary>
    public bool KeepalivedClean => Keepalived is KeepalivedVerdict.Clean or KeepalivedVerdict.Notices;

    /// <summary>Loads, and every keepalived keyword vrrpd ignores is outside VRRP (mail alerts, LVS, process
    /// scheduling): the instances elect, advertise and move addresses as keepalived's would.</summary>
    public bool SameVrrpMeaning => Expected != ExpectedOutcome.Refused && Ignored.All(CorpusManifest.OutsideVrrp.Contains);
}

internal enum KeepalivedVerdict
{
    Clean,
    Notices,
    Errors,
}

internal enum ExpectedOutcome
{
    Loads,
    LoadsWithWarnings,
    Refused,
}

/// <summary>Reads the manifest and finds the corpus in the source tree, as the packaging tests find their files.</summary>
internal static class CorpusManifest
{
    public static readonly string Directory = Path.Combine(RepositoryRoot(), "tests", "Vrrpd.Core.Tests", "Corpus");

    public static string FilePath(string file) => Path.Combine(Directory, "keepalived", file);

    public static IReadOnlyList<CorpusEntry> Entries { get; } = Read();

    /// <summary>Ignored keepalived keywords that change nothing VRRP does: e-mail alerts, LVS and the checker
    /// process, memory locking and the priority cap of keepalived's own processes.</summary>
    public static readonly HashSet<string> OutsideVrrp = new(StringComparer.Ordinal)
    {
        "notification_email", "notification_email_from", "smtp_server", "smtp_connect_timeout", "smtp_alert",
        "smtp_helo_name", "email_faults", "virtual_server", "lvs_sync_daemon_interface", "lvs_timeouts",
        "checker_no_swap", "vrrp_no_swap", "max_auto_priority",
    };

    private static List<CorpusEntry> Read()
    {
        var entries = new List<CorpusEntry>();
        string[] header = [];
        foreach (string line in File.ReadLines(Path.Combine(Directory, "manifest.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            string[] cells = line.Split('\t');
            if (header.Length == 0)
            {
                header = cells;
                continue;
            }

            if (cells.Length != header.Length)
            {
                throw new InvalidDataException($"manifest.tsv: '{cells[0]}' has {cells.Length} columns, the header {header.Length}");
            }

            string Cell(string name) => cells[Array.IndexOf(header, name)];
            string? Optional(string name) => Cell(name) == "-" ? null : Cell(name);
            int? Number(string name) => int.TryParse(Cell(name), out int value) ? value : null;

            entries.Add(new CorpusEntry(
                Cell("file"), Cell("repo"), Cell("path"), Cell("commit"), Cell("license"), Optional("config_id"),
                Cell("keepalived") switch
                {
                    "clean" => KeepalivedVerdict.Clean,
                    "notices" => KeepalivedVerdict.Notices,
                    "errors" => KeepalivedVerdict.Errors,
                    string other => throw new InvalidDataException($"manifest.tsv: '{cells[0]}': keepalived '{other}'"),
                },
                Cell("keepalived_says"),
                Cell("expected") switch
                {
                    "loads" => ExpectedOutcome.Loads,
                    "loads-with-warnings" => ExpectedOutcome.LoadsWithWarnings,
                    "refused" => ExpectedOutcome.Refused,
                    string other => throw new InvalidDataException($"manifest.tsv: '{cells[0]}': expected '{other}'"),
                },
                Optional("refusal"),
                Optional("ignored")?.Split(',') ?? [],
                int.Parse(Cell("instances"), System.Globalization.CultureInfo.InvariantCulture),
                Number("vrid"),
                Number("priority")));
        }

        return entries;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Vrrpd.sln"))) return directory.FullName;
        }
        throw new DirectoryNotFoundException($"no Vrrpd.sln above {AppContext.BaseDirectory}");
    }
}
