using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>track_script / track_file / track_gpu / track_container in instances and sync groups.</summary>
public class TrackerReferenceTests
{
    private const string Definitions = """
        vrrp_script chk {
            script /bin/true
            weight -30 reverse
        }
        vrrp_track_file f {
            file /run/f
            weight 4
        }
        vrrp_track_gpu g {
        }
        vrrp_track_container c {
            container app
            weight -7
        }

        """;

    private static VrrpInstanceConfig LoadInstance(string body) =>
        Assert.Single(ConfigAssert.LoadValid(Definitions + ConfigAssert.Instance(body)).Instances);

    [Fact]
    public void Entries_WithoutWeight_TakeTheTrackersOwn()
    {
        VrrpInstanceConfig i = LoadInstance("track_script {\n chk\n}\ntrack_file {\n f\n}\ntrack_gpu {\n g\n}\ntrack_container {\n c\n}");

        Assert.Equal(
            [(TrackerKind.Script, "chk", -30, true), (TrackerKind.File, "f", 4, false), (TrackerKind.Gpu, "g", 0, false), (TrackerKind.Container, "c", -7, false)],
            i.Trackers.Select(t => (t.Kind, t.Name, t.Weight!.Value, t.Reverse!.Value)));
        Assert.Equal(new SourceLocation(ConfigAssert.FileName, 22, 2), i.Trackers[0].Location);
    }

    [Theory]
    [InlineData("chk weight 10", 10, true)]          // reverse stays the script's unless told
    [InlineData("chk weight 10 noreverse", 10, false)]
    [InlineData("chk weight -5 reverse", -5, true)]
    [InlineData("chk weight 0", 0, true)]
    public void Entry_WeightOverridesTheTrackersOwn(string line, int weight, bool reverse)
    {
        TrackerReference t = Assert.Single(LoadInstance($"track_script {{\n {line}\n}}").Trackers);

        Assert.Equal((weight, reverse), (t.Weight, t.Reverse));
    }

    [Fact]
    public void SeveralNamesOnOneLine_AreAnError_AsEachLineIsOneEntry() =>
        ConfigAssert.SingleError(ConfigAssert.Load(Definitions + ConfigAssert.Instance("track_script {\n chk f\n}")), 22, 6,
            "'track_script' expects NAME [weight -253..253 [reverse|noreverse]] per line");

    [Theory]
    [InlineData("track_script {\n nope\n}", "track_script nope in vrrp_instance VI_1: there is no vrrp_script nope")]
    [InlineData("track_file {\n chk\n}", "track_file chk in vrrp_instance VI_1: there is no vrrp_track_file chk")]
    [InlineData("track_gpu {\n gpu0\n}", "track_gpu gpu0 in vrrp_instance VI_1: there is no vrrp_track_gpu gpu0")]
    [InlineData("track_container {\n db\n}", "track_container db in vrrp_instance VI_1: there is no vrrp_track_container db")]
    public void UnknownTracker_IsAnErrorNamingIt(string body, string message) =>
        ConfigAssert.SingleError(ConfigAssert.Load(Definitions + ConfigAssert.Instance(body)), 22, 2, message);

    [Theory]
    [InlineData("track_script {\n chk weight 300\n}", 22, 13, "'weight' expects an integer -253..253, got '300'")]
    [InlineData("track_script {\n chk weight\n}", 22, 6, "'track_script' expects NAME [weight")]
    [InlineData("track_script {\n chk weight 5 up\n}", 22, 15, "expects reverse or noreverse after the number, got 'up'")]
    [InlineData("track_gpu g", 21, 11, "'track_gpu' expects { NAME")]
    public void BadEntries_AreReportedAtTheWord(string body, int line, int column, string message) =>
        ConfigAssert.SingleError(ConfigAssert.Load(Definitions + ConfigAssert.Instance(body)), line, column, message);

    [Fact]
    public void Owner_WeightedEntry_IsKeptWithAWarningThatItsWeightIsIgnored()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(Definitions + ConfigAssert.Instance("priority 255\ntrack_script {\n chk\n}\ntrack_gpu {\n g\n}"));

        ConfigAssert.SingleWarning(result, "track_script chk: weight -30 ignored for vrrp_instance VI_1 because its priority is 255");
        Assert.Equal(2, result.Configuration!.Instances[0].Trackers.Count);
    }

    [Fact]
    public void SameTrackerTwice_CountsOnce_WithAWarning()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(Definitions + ConfigAssert.Instance("track_script {\n chk\n chk weight 5\n}"));

        ConfigAssert.SingleWarning(result, "track_script chk is listed twice");
        Assert.Equal(-30, Assert.Single(result.Configuration!.Instances[0].Trackers).Weight);
    }

    [Fact]
    public void SyncGroupTrackers_AreTrackedByEveryMember_Unweighted()
    {
        string text = Definitions + """
            vrrp_instance A {
                interface eth0
                virtual_router_id 1
                virtual_ipaddress {
                    192.0.2.1
                }
                track_file {
                    f
                }
            }
            vrrp_instance B {
                interface eth1
                virtual_router_id 2
                virtual_ipaddress {
                    192.0.2.2
                }
            }
            vrrp_sync_group G {
                group {
                    A
                    B
                }
                track_script {
                    chk weight 20
                }
                track_gpu {
                    g
                }
            }
            """;
        ConfigurationLoadResult result = ConfigAssert.Load(text);

        ConfigAssert.SingleWarning(result, "track_script chk in vrrp_sync_group G: weight 20 ignored");
        var instances = result.Configuration!.Instances;
        Assert.Equal([("f", 4), ("chk", 0), ("g", 0)], instances[0].Trackers.Select(t => (t.Name, t.Weight!.Value)));
        Assert.Equal([("chk", 0), ("g", 0)], instances[1].Trackers.Select(t => (t.Name, t.Weight!.Value)));
    }

    [Fact]
    public void LocalcheckSample_TrackScriptsNoLongerWarn()
    {
        const string Sample = "/usr/share/doc/keepalived/samples/keepalived.conf.vrrp.localcheck";
        if (!File.Exists(Sample))
        {
            return; // DebianSamplesTests says why when the samples are missing.
        }

        ConfigurationLoadResult result = ConfigurationLoader.Load(Sample, new ConfigurationLoadOptions { ConfigId = "vrrpd-test" });

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, w => w.Message.Contains("vrrp_script", StringComparison.Ordinal) || w.Message.Contains("track_script", StringComparison.Ordinal));
        Assert.Equal(5, result.Configuration!.Scripts.Count);
        VrrpInstanceConfig vi1 = result.Configuration.Instances[0];
        Assert.Equal([("chk_sshd", -4), ("chk_haproxy", 2), ("chk_http_port", -2), ("chk_https_port", -2), ("chk_smtp_port", -2)],
            vi1.Trackers.Select(t => (t.Name, t.Weight!.Value)));
    }
}
