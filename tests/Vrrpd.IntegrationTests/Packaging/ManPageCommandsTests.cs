using System.Text.RegularExpressions;
using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests.Packaging;

/// <summary>vrrpd(8) describes every command the executable lists in its help, so the man page and the command
/// line cannot drift apart.</summary>
public sealed partial class ManPageCommandsTests
{
    [Fact]
    public void Vrrpd8_DescribesEveryCommandOfTheHelp()
    {
        var (fileName, prefix) = VrrpdBinary.Resolve();
        var help = Command.Run(fileName, [.. prefix, "--help"]).EnsureSuccess().StdOut;
        var commands = help[help.IndexOf("Commands:", StringComparison.Ordinal)..].Split('\n').Skip(1)
            .Select(line => CommandName().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        var manPage = File.ReadAllText(Path.Combine(VrrpdBinary.RepositoryRoot(), "docs", "man", "vrrpd.8.md"));

        Assert.True(commands.Count >= 8, $"too few commands read from the help:\n{help}");
        Assert.All(commands, command => Assert.True(manPage.Contains($"\n**{command}**\n", StringComparison.Ordinal),
            $"vrrpd(8) has no entry **{command}** under COMMANDS"));
    }

    /// <summary>"  demote &lt;INSTANCE&gt;  Hand the VIPs over ...": the command is the first word, indented by two.</summary>
    [GeneratedRegex(@"^  ([a-z][a-z-]*)\b")]
    private static partial Regex CommandName();
}
