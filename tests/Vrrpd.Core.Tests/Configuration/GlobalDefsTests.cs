using Vrrpd.Configuration;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Configuration;

public class GlobalDefsTests
{
    private static GlobalDefinitions Global(string body) =>
        ConfigAssert.LoadValid($$"""
            global_defs {
            {{body}}
            }
            """).Global;

    [Fact]
    public void EmptyFile_GivesDefaults()
    {
        VrrpdConfiguration config = ConfigAssert.LoadValid("");

        Assert.Empty(config.Instances);
        Assert.Empty(config.SyncGroups);
        GlobalDefinitions g = config.Global;
        Assert.Null(g.RouterId);
        Assert.Equal(VrrpVersion.V2, g.DefaultVersion);   // keepalived's default
        Assert.False(g.DefaultVersionWasSet);
        Assert.Equal(new GarpSettings(TimeSpan.FromSeconds(5), 5, TimeSpan.Zero, 1, TimeSpan.FromSeconds(5), 5), g.Garp);
        Assert.False(g.CheckUnicastSource);
        Assert.False(g.V3ChecksumAsV2);
        Assert.Null(g.ScriptUser);
        Assert.False(g.EnableScriptSecurity);
        Assert.Equal(3, g.DownTimerAdverts);
        Assert.Null(g.Nice);
        Assert.Null(g.RealtimePriority);
        Assert.Null(g.RealtimeLimitMicroseconds);
    }

    [Fact]
    public void SchedulingKnobs_AreReadAsKeepalivedWritesThem()
    {
        GlobalDefinitions g = Global("""
            vrrp_priority -10
            vrrp_rt_priority 40
            vrrp_rlimit_rttime 20000
            """);

        Assert.Equal(-10, g.Nice);
        Assert.Equal(40, g.RealtimePriority);
        Assert.Equal(20000, g.RealtimeLimitMicroseconds);
    }

    [Fact]
    public void SchedulingKnobs_LoadWithoutANotImplementedWarning()
    {
        var result = ConfigAssert.Load("global_defs {\nvrrp_priority -5\nvrrp_rt_priority 1\nvrrp_rlimit_rttime 10000\n}");

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void EveryImplementedKeyword_IsRead()
    {
        GlobalDefinitions g = Global("""
            router_id node-a
            vrrp_version 2
            vrrp_garp_master_delay 2.5
            vrrp_garp_master_repeat 3
            vrrp_garp_master_refresh 60
            vrrp_garp_master_refresh_repeat 2
            vrrp_garp_lower_prio_delay 0.25
            vrrp_garp_lower_prio_repeat 4
            vrrp_check_unicast_src
            v3_checksum_as_v2
            script_user vrrp vrrpgroup
            enable_script_security
            vrrp_down_timer_adverts 5
            """);

        Assert.Equal("node-a", g.RouterId);
        Assert.Equal(VrrpVersion.V2, g.DefaultVersion);
        Assert.True(g.DefaultVersionWasSet);
        Assert.Equal(new GarpSettings(TimeSpan.FromMilliseconds(2500), 3, TimeSpan.FromSeconds(60), 2, TimeSpan.FromMilliseconds(250), 4), g.Garp);
        Assert.True(g.CheckUnicastSource);
        Assert.True(g.V3ChecksumAsV2);
        Assert.Equal("vrrp", g.ScriptUser);
        Assert.Equal("vrrpgroup", g.ScriptGroup);
        Assert.True(g.EnableScriptSecurity);
        Assert.Equal(5, g.DownTimerAdverts);
    }

    [Fact]
    public void LowerPriorityBurst_InheritsTheMasterBurstWhenNotWritten()
    {
        GarpSettings garp = Global("vrrp_garp_master_delay 1\nvrrp_garp_master_repeat 2").Garp;

        Assert.Equal(TimeSpan.FromSeconds(1), garp.LowerPriorityDelay);
        Assert.Equal(2, garp.LowerPriorityRepeat);
    }

    [Fact]
    public void MinGarp_ReducesOnlyValuesNotWritten()
    {
        GarpSettings garp = Global("vrrp_min_garp\nvrrp_garp_master_repeat 3").Garp;

        Assert.Equal(new GarpSettings(TimeSpan.Zero, 3, TimeSpan.Zero, 1, TimeSpan.Zero, 3), garp);
    }

    /// <summary>keepalived's handlers for these flags read no words: a value is ignored (a warning), and a false
    /// word is refused because keepalived would set the flag anyway (keepalived-compatibility.md §11).</summary>
    [Theory]
    [InlineData("vrrp_check_unicast_src on")]
    [InlineData("vrrp_check_unicast_src yes")]
    [InlineData("vrrp_check_unicast_src 1")]
    [InlineData("enable_script_security 1")]
    public void FlagKeywordsKeepalivedReadsNoWordsOf_IgnoreATrueWordWithAWarning(string line)
    {
        ConfigurationLoadResult result = ConfigAssert.Load($"global_defs {{\n{line}\n}}\n" + ConfigAssert.Instance(""));

        ConfigAssert.SingleWarning(result, "is ignored, as keepalived ignores it");
        Assert.True(line.StartsWith("enable", StringComparison.Ordinal)
            ? result.Configuration!.Global.EnableScriptSecurity
            : result.Configuration!.Global.CheckUnicastSource);
    }

    [Theory]
    [InlineData("vrrp_check_unicast_src off", 24)]
    [InlineData("enable_script_security no", 24)]
    [InlineData("enable_script_security false", 24)]
    public void FlagKeywordsKeepalivedReadsNoWordsOf_RefuseAFalseWord(string line, int column) =>
        ConfigAssert.SingleError(ConfigAssert.Load($"global_defs {{\n{line}\n}}"), 2, column, "keepalived sets it whatever follows");

    [Fact]
    public void GarpTimers_AreExactDecimals()
    {
        GarpSettings garp = Global("vrrp_garp_master_delay 0.000001\nvrrp_garp_master_refresh 0.1").Garp;

        Assert.Equal(TimeSpan.FromTicks(10), garp.MasterDelay);
        Assert.Equal(TimeSpan.FromTicks(1_000_000), garp.MasterRefresh);
    }

    [Fact]
    public void TimerFinerThanAMicrosecond_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load("global_defs {\n vrrp_garp_master_delay 0.0000001\n}"), 2, 25, "finer fraction than 1 µs");

    [Fact]
    public void VrrpStrict_IsAWarningThatSaysWhatIsMissing() =>
        Assert.Contains("strict mode", ConfigAssert.SingleWarning(ConfigAssert.Load("global_defs {\n vrrp_strict\n}"), "'vrrp_strict'").Message, StringComparison.Ordinal);

    [Fact]
    public void NotificationEmailBlock_IsSkippedWithOneWarning()
    {
        ConfigurationLoadResult result = ConfigAssert.Load("""
            global_defs {
                notification_email {
                    admin@example.com
                    other@example.com
                }
            }
            """);

        Diagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal("/etc/vrrpd/test.conf:2:5: warning: 'notification_email' is a keepalived keyword vrrpd does not implement; ignored", warning.ToString());
    }

    [Fact]
    public void SeveralGlobalDefsBlocks_AreMerged()
    {
        GlobalDefinitions g = ConfigAssert.LoadValid("global_defs {\n router_id a\n}\nglobal_defs {\n vrrp_version 2\n}").Global;

        Assert.Equal("a", g.RouterId);
        Assert.Equal(VrrpVersion.V2, g.DefaultVersion);
    }

    [Theory]
    [InlineData("vrrp_version 4", 2, 14, "'vrrp_version' expects 2 or 3, got '4'")]
    [InlineData("vrrp_down_timer_adverts 101", 2, 25, "'vrrp_down_timer_adverts' expects an integer 1..100, got '101'")]
    [InlineData("router_id", 2, 1, "'router_id' expects a name")]
    [InlineData("vrrp_garp_master_delay -1", 2, 24, "'vrrp_garp_master_delay' expects seconds")]
    [InlineData("frobnicate 1", 2, 1, "unknown keyword 'frobnicate' in global_defs")]
    [InlineData("vrrp_priority -21", 2, 15, "'vrrp_priority' expects an integer -20..19, got '-21'")]
    [InlineData("vrrp_rt_priority 100", 2, 18, "'vrrp_rt_priority' expects an integer 1..99, got '100'")]
    [InlineData("vrrp_rt_priority", 2, 1, "'vrrp_rt_priority' expects a realtime priority 1..99")]
    public void BadValues_NameTheKeywordAndTheExpectedForm(string line, int row, int column, string message) =>
        ConfigAssert.SingleError(ConfigAssert.Load($"global_defs {{\n{line}\n}}"), row, column, message);
}
