using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>vrrp_track_process and track_process, with keepalived's defaults and rules (docs/design/process-tracking.md §2, §3).</summary>
public class ProcessTrackerTests
{
    private static ProcessTrackerConfig LoadOne(string body) =>
        Assert.Single(ConfigAssert.LoadValid($"vrrp_track_process p {{\n{body}\n}}").Processes);

    [Fact]
    public void Defaults_MatchTheNameOnly_QuorumOneUnlimited_NoDelay_WeightZero()
    {
        ProcessTrackerConfig p = LoadOne(" process nginx");

        Assert.Equal("p", p.Name);
        Assert.Equal("nginx", p.ProcessName);
        Assert.Empty(p.Parameters);
        Assert.Equal(ProcessParameterMatch.None, p.ParameterMatch);
        Assert.False(p.FullCommand);
        Assert.Equal((1, (int?)null), (p.Quorum, p.QuorumMax));
        Assert.Equal((TimeSpan.Zero, TimeSpan.Zero), (p.ForkDelay, p.TerminateDelay));
        Assert.Equal((0, false), (p.Weight, p.Reverse));
        Assert.Equal(new SourceLocation(ConfigAssert.FileName, 1, 1), p.Location);
        Assert.Equal("1..unlimited", p.QuorumText);
    }

    [Fact]
    public void EveryKeyword_IsRead()
    {
        ProcessTrackerConfig p = LoadOne("""
             process /usr/sbin/haproxy -f /etc/haproxy
             param_match initial
             quorum 2
             quorum_max 4
             terminate_delay 1.5
             fork_delay 0.25
             weight -20 reverse
            """);

        Assert.Equal("/usr/sbin/haproxy", p.ProcessName);
        Assert.Equal(["-f", "/etc/haproxy"], p.Parameters);
        Assert.Equal(ProcessParameterMatch.Initial, p.ParameterMatch);
        Assert.True(p.FullCommand);
        Assert.Equal((2, (int?)4), (p.Quorum, p.QuorumMax));
        Assert.Equal((TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(1500)), (p.ForkDelay, p.TerminateDelay));
        Assert.Equal((-20, true), (p.Weight, p.Reverse));
    }

    [Fact]
    public void QuotedWords_AreOneNameOrParameterEach()
    {
        ProcessTrackerConfig p = LoadOne(" process \"/opt/a b\" p1 \"param 2\"");

        Assert.Equal("/opt/a b", p.ProcessName);
        Assert.Equal(["p1", "param 2"], p.Parameters);
    }

    [Fact]
    public void Parameters_ImplyAnExactMatchOfTheCommandLine() =>
        Assert.Equal((ProcessParameterMatch.Exact, true), LoadOne(" process sleep 1000") is var p ? (p.ParameterMatch, p.FullCommand) : default);

    [Theory]
    [InlineData(" param_match", ProcessParameterMatch.Exact)]
    [InlineData(" param_match exact", ProcessParameterMatch.Exact)]
    [InlineData(" param_match partial", ProcessParameterMatch.Partial)]
    [InlineData(" param_match initial", ProcessParameterMatch.Initial)]
    public void ParamMatch_WithoutParameters_StillComparesTheCommandLine(string line, ProcessParameterMatch match)
    {
        ProcessTrackerConfig p = LoadOne($" process sleep\n{line}");

        Assert.Equal((match, true), (p.ParameterMatch, p.FullCommand));
    }

    [Fact]
    public void ParamMatch_BeforeProcess_IsKept() =>
        Assert.Equal(ProcessParameterMatch.Partial, LoadOne(" param_match partial\n process sleep 1000").ParameterMatch);

    [Fact]
    public void FullCommand_WithoutParameters_ComparesArgv0Only()
    {
        ProcessTrackerConfig p = LoadOne(" process /usr/bin/python3\n full_command");

        Assert.Equal((ProcessParameterMatch.None, true), (p.ParameterMatch, p.FullCommand));
    }

    [Fact]
    public void Delay_SetsBothDelays_AndALaterOneOverridesItsOwn()
    {
        ProcessTrackerConfig p = LoadOne(" process nginx\n delay 2\n fork_delay 0.5");

        Assert.Equal((TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)), (p.ForkDelay, p.TerminateDelay));
    }

    [Fact]
    public void QuorumMaxZero_MeansFailWhileAnyRuns()
    {
        ProcessTrackerConfig p = LoadOne(" process nginx\n quorum_max 0");

        Assert.Equal((0, (int?)0), (p.Quorum, p.QuorumMax));
        Assert.True(p.WithinQuorum(0));
        Assert.False(p.WithinQuorum(1));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(0, false)]
    [InlineData(4, false)]
    public void WithinQuorum_IsInclusiveOnBothEnds(int count, bool within) =>
        Assert.Equal(within, LoadOne(" process nginx\n quorum 1\n quorum_max 3").WithinQuorum(count));

    [Fact]
    public void NoProcess_IsAnError_AtTheBlock() =>
        ConfigAssert.SingleError(ConfigAssert.Load("vrrp_track_process p {\n quorum 2\n}"), 1, 1, "vrrp_track_process p has no 'process'");

    [Fact]
    public void ProcessTwice_IsAnError_AtTheSecond() =>
        ConfigAssert.SingleError(ConfigAssert.Load("vrrp_track_process p {\n process a\n process b\n}"), 3, 10, "'process' is given twice");

    [Fact]
    public void QuorumMaxBelowQuorum_IsAnError_AtQuorumMax() =>
        ConfigAssert.SingleError(ConfigAssert.Load("vrrp_track_process p {\n process a\n quorum_max 2\n quorum 3\n}"), 3, 13, "'quorum_max' 2 in vrrp_track_process p is below its quorum 3");

    [Fact]
    public void QuorumMaxZero_WithAQuorumAboveOne_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load("vrrp_track_process p {\n process a\n quorum 2\n quorum_max 0\n}"), 4, 13, "below its quorum 2");

    [Theory]
    [InlineData(" quorum 0", 2, 9, "'quorum' expects an integer 1..65535")]
    [InlineData(" quorum 65536", 2, 9, "'quorum' expects an integer 1..65535")]
    [InlineData(" quorum_max -1", 2, 13, "'quorum_max' expects an integer 0..65535")]
    [InlineData(" delay 0", 2, 8, "'delay' expects seconds")]
    [InlineData(" terminate_delay 3601", 2, 18, "'terminate_delay' expects seconds")]
    [InlineData(" fork_delay soon", 2, 13, "'fork_delay' expects seconds")]
    [InlineData(" param_match fuzzy", 2, 14, "'param_match' expects exact, partial or initial, got 'fuzzy'")]
    [InlineData(" weight 300", 2, 9, "'weight' expects an integer -253..253")]
    [InlineData(" weight 5 upside", 2, 11, "expects reverse or noreverse after the number")]
    [InlineData(" param_match exact extra", 2, 20, "unexpected 'extra'")]
    public void BadValues_AreErrors_WithTheirPosition(string line, int row, int column, string fragment) =>
        ConfigAssert.SingleError(ConfigAssert.Load($"vrrp_track_process p {{\n{line}\n process a\n}}"), row, column, fragment);

    [Fact]
    public void FullCommand_WithAValue_IsAWarning_AsKeepalivedIgnoresIt()
    {
        ConfigurationLoadResult result = ConfigAssert.Load("vrrp_track_process p {\n process a\n full_command yes\n}");

        ConfigAssert.SingleWarning(result, "'full_command' takes no value; 'yes' is ignored");
        Assert.True(Assert.Single(result.Configuration!.Processes).FullCommand);
    }

    [Fact]
    public void UnknownKeyword_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load("vrrp_track_process p {\n process a\n interval 1\n}"), 3, 2, "unknown keyword 'interval' in vrrp_track_process");

    [Fact]
    public void NameLongerThanTheKernelKeeps_WithoutFullCommand_IsAWarning() =>
        ConfigAssert.SingleWarning(ConfigAssert.Load("vrrp_track_process p {\n process a-very-long-daemon-name\n}"),
            "is longer than the 15 characters the kernel keeps of a process name");

    [Fact]
    public void LongName_WithFullCommand_IsFine() =>
        Assert.Empty(ConfigAssert.Load("vrrp_track_process p {\n process a-very-long-daemon-name\n full_command\n}").Diagnostics);

    [Fact]
    public void DefinedTwice_IsAnError() =>
        Assert.Contains(ConfigAssert.Load("vrrp_track_process p {\n process a\n}\nvrrp_track_process p {\n process b\n}").Errors,
            e => e.Message.Contains("vrrp_track_process p is defined twice", StringComparison.Ordinal));

    [Fact]
    public void TrackProcess_InAnInstance_TakesTheTrackersWeight_OrItsOwn()
    {
        VrrpInstanceConfig i = Assert.Single(ConfigAssert.LoadValid(
            "vrrp_track_process web {\n process nginx\n weight -30 reverse\n}\nvrrp_track_process db {\n process postgres\n}\n"
            + ConfigAssert.Instance("track_process {\n web\n db weight 10\n}")).Instances);

        Assert.Equal([(TrackerKind.Process, "web", -30, true), (TrackerKind.Process, "db", 10, false)],
            i.Trackers.Select(t => (t.Kind, t.Name, t.Weight!.Value, t.Reverse!.Value)));
    }

    [Fact]
    public void TrackProcess_NamingNoTracker_IsAnError() =>
        Assert.Contains(ConfigAssert.Load(ConfigAssert.Instance("track_process {\n nope\n}")).Errors,
            e => e.Message.Contains("track_process nope in vrrp_instance VI_1: there is no vrrp_track_process nope", StringComparison.Ordinal));

    [Fact]
    public void TrackProcess_InASyncGroup_IsTrackedByEveryMember_Unweighted()
    {
        VrrpdConfiguration c = ConfigAssert.LoadValid("""
            vrrp_track_process web {
                process nginx
                weight -30
            }
            vrrp_sync_group G {
                group {
                    VI_1
                }
                track_process {
                    web
                }
            }

            """ + ConfigAssert.Instance(""));

        TrackerReference t = Assert.Single(Assert.Single(c.Instances).Trackers);
        Assert.Equal((TrackerKind.Process, "web", 0), (t.Kind, t.Name, t.Weight));
    }

    [Fact]
    public void UnusableTracker_DropsItsEntries_WithAWarningOnly_ForTheEntry()
    {
        ConfigurationLoadResult result = ConfigAssert.Load("vrrp_track_process p {\n quorum 2\n}\n" + ConfigAssert.Instance("track_process {\n p\n}"));

        Diagnostic error = Assert.Single(result.Errors);
        Assert.Contains("has no 'process'", error.Message, StringComparison.Ordinal);
        Assert.Contains(result.Warnings, w => w.Message.Contains("track_process p in vrrp_instance VI_1 ignored", StringComparison.Ordinal));
    }
}
