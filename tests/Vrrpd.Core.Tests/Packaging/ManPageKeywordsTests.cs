using Vrrpd.Configuration;

namespace Vrrpd.Tests.Packaging;

/// <summary>vrrpd.conf(5) documents every keyword the parser implements, each in the section of its block, straight
/// from the dispatch tables (ConfigurationKeywords), so a keyword cannot be added without its man page entry.</summary>
public class ManPageKeywordsTests
{
    private static readonly string ManPage = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "man", "vrrpd.conf.5.md"));

    public static TheoryData<string, string> KeywordsBySection()
    {
        var data = new TheoryData<string, string>();
        foreach (var keyword in ConfigurationKeywords.TopLevel) data.Add("", keyword);
        foreach (var keyword in ConfigurationKeywords.GlobalDefs) data.Add("GLOBAL_DEFS", keyword);
        foreach (var keyword in ConfigurationKeywords.Instance) data.Add("VRRP_INSTANCE NAME", keyword);
        foreach (var keyword in ConfigurationKeywords.SyncGroup) data.Add("VRRP_SYNC_GROUP NAME", keyword);
        foreach (var (block, keywords) in ConfigurationKeywords.Trackers)
        {
            foreach (var keyword in keywords) data.Add($"{block.ToUpperInvariant()} NAME", keyword);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KeywordsBySection))]
    public void VrrpdConf5_DocumentsTheKeywordInItsSection(string section, string keyword)
    {
        var text = Section(section);

        // Bold, alone ("**nopreempt**") or starting a bold form with its arguments ("**state MASTER**", "**group {**").
        Assert.True(text.Contains($"**{keyword}**", StringComparison.Ordinal) || text.Contains($"**{keyword} ", StringComparison.Ordinal),
            $"vrrpd.conf(5) has no **{keyword}** in {(section.Length == 0 ? "the whole page" : $"# {section}")}");
    }

    [Fact]
    public void EveryTrackerBlock_HasASectionOfItsOwn()
    {
        Assert.Equal(6, ConfigurationKeywords.Trackers.Count);
        foreach (var block in ConfigurationKeywords.Trackers.Keys)
        {
            Assert.Contains($"\n# {block.ToUpperInvariant()} NAME\n", ManPage, StringComparison.Ordinal);
        }
    }

    /// <summary>The text under "# SECTION" up to the next "# " heading; the whole page for "".</summary>
    private static string Section(string section)
    {
        if (section.Length == 0) return ManPage;
        var heading = $"\n# {section}\n";
        var start = ManPage.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"vrrpd.conf(5) has no section '# {section}'");
        var end = ManPage.IndexOf("\n# ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? ManPage[start..] : ManPage[start..end];
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
