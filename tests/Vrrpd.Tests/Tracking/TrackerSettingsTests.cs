using Vrrpd.Configuration;
using Vrrpd.Daemon.Tracking;

namespace Vrrpd.Tests.Tracking;

/// <summary>A reload keeps a tracker's runner exactly when its block means the same check (TrackerSettings):
/// compared as typed values, lists element by element, wherever the block was written.</summary>
public class TrackerSettingsTests
{
    private const string Trackers = """
        vrrp_script chk {
            script "/usr/local/bin/check --fast"
            interval 2
            fall 2
        }
        vrrp_track_file flag {
            file /run/vrrpd/flag
            weight -10
        }
        vrrp_track_gpu gpus {
            devices 0 1
        }
        vrrp_track_neighbor gateway {
            address 192.0.2.1 192.0.2.2
        }
        vrrp_track_process web {
            process nginx master
            param_match partial
        }
        vrrp_track_container svc {
            container inference
        }
        """;

    private const string Instance = """
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            priority 100
            virtual_ipaddress {
                192.0.2.100/24
            }
            track_script {
                chk
            }
            track_file {
                flag
            }
            track_gpu {
                gpus
            }
            track_neighbor {
                gateway
            }
            track_process {
                web
            }
            track_container {
                svc
            }
        }
        """;

    private static Dictionary<string, TrackerDefinition> Load(string text)
    {
        var result = ConfigurationLoader.LoadText(text, "/etc/vrrpd/vrrpd.conf");
        Assert.True(result.Configuration is not null, string.Join("\n", result.Diagnostics));
        return TrackerDefinition.All(result.Configuration).ToDictionary(d => d.Label);
    }

    [Fact]
    public void TheSameBlocks_WrittenElsewhereInTheFile_AreTheSameCheck()
    {
        var before = Load(Trackers + Instance);
        var moved = Load("# moved down\n\n\n" + Instance + "\n" + Trackers);

        Assert.Equal(6, before.Count);
        foreach (var (label, definition) in before)
        {
            Assert.True(definition.SameSettingsAs(moved[label]), $"{label} counted as changed");
            Assert.NotEqual(definition.Config, moved[label].Config);   // the records differ: their Location does
        }
    }

    [Theory]
    [InlineData("script \"/usr/local/bin/check --fast\"", "script \"/usr/local/bin/check --slow\"", "track_script chk")]
    [InlineData("devices 0 1", "devices 0 2", "track_gpu gpus")]
    [InlineData("address 192.0.2.1 192.0.2.2", "address 192.0.2.1 192.0.2.3", "track_neighbor gateway")]
    [InlineData("process nginx master", "process nginx worker", "track_process web")]
    [InlineData("container inference", "container training", "track_container svc")]
    [InlineData("weight -10", "weight -20", "track_file flag")]
    [InlineData("fall 2", "fall 3", "track_script chk")]
    public void AChangedSetting_ListElementsIncluded_IsAnotherCheck(string from, string to, string label)
    {
        var before = Load(Trackers + Instance);
        var after = Load(Trackers.Replace(from, to, StringComparison.Ordinal) + Instance);

        Assert.False(before[label].SameSettingsAs(after[label]));
        Assert.All(before.Where(d => d.Key != label), d => Assert.True(d.Value.SameSettingsAs(after[d.Key]), $"{d.Key} counted as changed"));
    }
}
