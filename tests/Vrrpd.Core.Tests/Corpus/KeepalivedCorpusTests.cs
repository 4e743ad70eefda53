using System.Text.RegularExpressions;
using Vrrpd.Configuration;

namespace Vrrpd.Tests.Corpus;

/// <summary>
/// Real-world keepalived.conf files from public repositories (Corpus/manifest.tsv says where each came from) load
/// through the loader <c>vrrpd check-config</c> uses, with the outcome and the first instance's meaning the
/// manifest records; of the files keepalived 2.2.7 runs as written, at least 98 % load, and every one refused is
/// refused by a documented policy (docs/keepalived-corpus.md).
/// </summary>
public partial class KeepalivedCorpusTests
{
    /// <summary>The config id for files without <c>@ID</c> lines: fixed, so the host name cannot change a result.</summary>
    private const string DefaultConfigId = "corpus-host";

    /// <summary>Refusals that are policy, each with the page and section that explains it.</summary>
    private static readonly Dictionary<string, string> DocumentedPolicies = new(StringComparer.Ordinal)
    {
        ["'auth_type AH' is not supported"] = "keepalived-compatibility.md §11",
    };

    public static TheoryData<string> Files() => new(CorpusManifest.Entries.Select(e => e.File));

    [Theory]
    [MemberData(nameof(Files))]
    public void File_LoadsAsTheManifestRecords(string file)
    {
        CorpusEntry entry = CorpusManifest.Entries.Single(e => e.File == file);
        ConfigurationLoadResult result = Load(entry);
        string diagnostics = string.Join("\n", result.Diagnostics);

        if (entry.Expected == ExpectedOutcome.Refused)
        {
            Assert.True(result.HasErrors, $"{file} loaded; the manifest says it is refused ({entry.Refusal})");
            Assert.Contains(result.Errors, e => e.Message.Contains(entry.Refusal!, StringComparison.Ordinal));
            return;
        }

        Assert.False(result.HasErrors, diagnostics);
        Assert.True((entry.Expected == ExpectedOutcome.LoadsWithWarnings) == (result.Diagnostics.Count > 0), $"{file}: expected {entry.Expected}, got:\n{diagnostics}");
        Assert.Equal(entry.Ignored, IgnoredKeywords(result));
        VrrpdConfiguration config = result.Configuration!;
        Assert.Equal(entry.Instances, config.Instances.Count);
        VrrpInstanceConfig first = config.Instances[0];
        Assert.Equal(entry.FirstVirtualRouterId, first.VirtualRouterId);
        Assert.Equal(entry.FirstPriority, first.Priority);
    }

    [Fact]
    public void Manifest_ListsEveryFileOnce_FromManyPublicSources()
    {
        string[] onDisk = Directory.GetFiles(Path.Combine(CorpusManifest.Directory, "keepalived"), "*.conf")
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

        Assert.Equal(onDisk, CorpusManifest.Entries.Select(e => e.File).Order(StringComparer.Ordinal));
        Assert.True(onDisk.Length >= 60, $"{onDisk.Length} files; the corpus needs at least 60");
        Assert.True(CorpusManifest.Entries.Select(e => e.Repository).Distinct().Count() >= 40);
        Assert.All(CorpusManifest.Entries, e => Assert.Matches("^[0-9a-f]{40}$", e.Commit));
    }

    [Fact]
    public void KeepalivedCleanFiles_AtLeast98PercentLoad_AndEveryRefusalIsADocumentedPolicy()
    {
        var clean = CorpusManifest.Entries.Where(e => e.KeepalivedClean).ToList();
        var refused = clean.Select(e => (Entry: e, Result: Load(e))).Where(r => r.Result.HasErrors).ToList();

        double rate = (double)(clean.Count - refused.Count) / clean.Count;
        Assert.True(rate >= 0.98, $"{clean.Count - refused.Count} of {clean.Count} keepalived-clean files load ({rate:P1}): "
            + string.Join("; ", refused.Select(r => $"{r.Entry.File}: {r.Result.Errors.First().Message}")));
        Assert.All(refused, r => Assert.Contains(
            DocumentedPolicies.Keys,
            policy => r.Result.Errors.All(e => e.Message.Contains(policy, StringComparison.Ordinal))));
    }

    /// <summary>The keepalived keywords the loader warned it does not implement, sorted, once each.</summary>
    private static string[] IgnoredKeywords(ConfigurationLoadResult result) =>
        result.Diagnostics
            .Select(d => IgnoredKeyword().Match(d.Message))
            .Where(m => m.Success)
            .Select(m => m.Groups["unimplemented"].Success ? m.Groups["unimplemented"].Value : m.Groups["unsupported"].Value)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();

    [GeneratedRegex(@"^'(?<unimplemented>\S+)' is a keepalived keyword vrrpd does not implement|^(?<unsupported>use_vmac|use_ipvlan) is not supported")]
    private static partial Regex IgnoredKeyword();

    private static ConfigurationLoadResult Load(CorpusEntry entry) =>
        ConfigurationLoader.Load(
            CorpusManifest.FilePath(entry.File),
            new ConfigurationLoadOptions { ConfigId = entry.ConfigId ?? DefaultConfigId });
}
