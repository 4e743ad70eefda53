using Vrrpd.Configuration;
using Vrrpd.Health;
using Vrrpd.Tests.Configuration;

namespace Vrrpd.Tests.Health;

/// <summary>keepalived's exact name and parameter comparisons (docs/design/process-tracking.md §2).</summary>
public class ProcessMatcherTests
{
    private static ProcessMatcher Matcher(string body) =>
        new(Assert.Single(ConfigAssert.LoadValid($"vrrp_track_process p {{\n{body}\n}}").Processes));

    private static string[] Argv(string line) => line.Split(' ');

    [Theory]
    [InlineData("nginx", true)]
    [InlineData("nginx:", false)]   // no prefix or pattern match: "ssh" never matches sshd
    [InlineData("ngin", false)]
    [InlineData("NGINX", false)]
    public void ByName_IsAnExactComparison(string name, bool matches) =>
        Assert.Equal(matches, Matcher(" process nginx").Matches(name, null));

    [Fact]
    public void ByName_IgnoresTheCommandLine() =>
        Assert.True(Matcher(" process nginx").Matches("nginx", Argv("/usr/sbin/other -x")));

    [Theory]
    [InlineData("/usr/bin/python3 app.py", true)]
    [InlineData("/usr/bin/python3", true)]
    [InlineData("python3 app.py", false)]
    public void FullCommand_ComparesArgv0_NotTheName(string commandLine, bool matches) =>
        Assert.Equal(matches, Matcher(" process /usr/bin/python3\n full_command").Matches("python3", Argv(commandLine)));

    [Fact]
    public void FullCommand_WithoutACommandLine_NeverMatches()
    {
        ProcessMatcher matcher = Matcher(" process kworker\n full_command");

        Assert.True(matcher.NeedsCommandLine);
        Assert.False(matcher.Matches("kworker", null));
        Assert.False(matcher.Matches("kworker", []));
    }

    [Theory]
    [InlineData("sleep 1000 x", true)]
    [InlineData("sleep 1000 x y", false)]
    [InlineData("sleep 1000", false)]
    [InlineData("sleep 1000 xx", false)]
    [InlineData("sleep 100 x", false)]
    public void ExactParameters_AreExactlyThoseListed(string commandLine, bool matches) =>
        Assert.Equal(matches, Matcher(" process sleep 1000 x").Matches("sleep", Argv(commandLine)));

    [Theory]
    [InlineData("sleep", true)]
    [InlineData("sleep 1", false)]
    public void ExactWithoutParameters_MeansNoParameters(string commandLine, bool matches) =>
        Assert.Equal(matches, Matcher(" process sleep\n param_match").Matches("sleep", Argv(commandLine)));

    [Theory]
    [InlineData("sleep 1000 x", true)]
    [InlineData("sleep 1000 x y z", true)]
    [InlineData("sleep 1000 xy", false)]
    [InlineData("sleep 1000", false)]
    public void PartialParameters_AreTheFirstOnes(string commandLine, bool matches) =>
        Assert.Equal(matches, Matcher(" process sleep 1000 x\n param_match partial").Matches("sleep", Argv(commandLine)));

    [Theory]
    [InlineData("sleep 1000 x", true)]
    [InlineData("sleep 1000 xy", true)]
    [InlineData("sleep 1000 xy z", true)]
    [InlineData("sleep 1000 y", false)]
    [InlineData("sleep 10000 x", false)]   // only the last listed parameter may be longer
    [InlineData("sleep 1000", false)]
    public void InitialParameters_LetTheLastOneBeLonger(string commandLine, bool matches) =>
        Assert.Equal(matches, Matcher(" process sleep 1000 x\n param_match initial").Matches("sleep", Argv(commandLine)));

    [Theory]
    [InlineData(" param_match partial")]
    [InlineData(" param_match initial")]
    public void PartialOrInitial_WithoutParameters_TakeAnyParameters(string line) =>
        Assert.True(Matcher($" process sleep\n{line}").Matches("sleep", Argv("sleep 5 6")));
}
