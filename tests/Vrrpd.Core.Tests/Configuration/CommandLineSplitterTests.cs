using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

public class CommandLineSplitterTests
{
    [Theory]
    [InlineData("/bin/notify.sh MASTER VI_1", new[] { "/bin/notify.sh", "MASTER", "VI_1" })]
    [InlineData("/bin/x   a\tb", new[] { "/bin/x", "a", "b" })]
    [InlineData("/bin/x 'a b' \"c d\"", new[] { "/bin/x", "a b", "c d" })]
    [InlineData(@"/bin/x a\ b", new[] { "/bin/x", "a b" })]
    [InlineData(@"/bin/x ""say \""hi\"""" '$HOME'", new[] { "/bin/x", "say \"hi\"", "$HOME" })]
    [InlineData("/bin/x a'b'\"c\"", new[] { "/bin/x", "abc" })]
    public void Split_FollowsShellWordRules(string text, string[] expected)
    {
        Assert.True(CommandLineSplitter.TrySplit(text, out List<string> argv, out string? error), error);
        Assert.Equal(expected, argv);
    }

    [Theory]
    [InlineData("/bin/x 'open", "'")]
    [InlineData("/bin/x \"open", "\"")]
    [InlineData("   ", "empty")]
    public void Split_ReportsBrokenCommands(string text, string fragment)
    {
        Assert.False(CommandLineSplitter.TrySplit(text, out _, out string? error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }
}
