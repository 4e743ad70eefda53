using System.Text.Json;
using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Operations;

/// <summary>Failover reports for a tracker: its own change and the transition it causes, with the tracker named.</summary>
public sealed class TrackerEventTests
{
    [LabFact]
    public async Task ScriptFailure_IsReportedAsATrackerEvent_AndTheFaultNamesTheTracker()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var flag = Path.Combine(lab.WorkDirectory, "fail");
        var instance = new VrrpInstanceConfig { Priority = 150 }.ToConfigText().TrimEnd();
        var config = OperationsConfig.Text(lab, host, "") + $$"""
            vrrp_script chk_gpu {
                script "/bin/sh -c 'test ! -e {{flag}}'"
                interval 0.2
                fall 1
                rise 1
            }
            {{instance[..instance.LastIndexOf('}')]}}    track_script {
                    chk_gpu
                }
            }
            """;
        var daemon = lab.StartVrrpd(host, config);
        await Eventually.Until(() => lab.HasAddress(host, Vip4), TimeSpan.FromSeconds(8), $"{Vip4} on {host}", lab.Report);

        File.WriteAllText(flag, "");
        await Eventually.Until(() => !lab.HasAddress(host, Vip4), TimeSpan.FromSeconds(3), $"{Vip4} withdrawn", lab.Report);
        await Task.Delay(TimeSpan.FromSeconds(0.3));

        var events = VrrpdClient.Run(daemon, "events", "--json").EnsureSuccess().StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var tracker = events.Last(e => e.GetProperty("kind").GetString() == "tracker");
        Assert.Equal(("Ok", "Failed"), (tracker.GetProperty("from").GetString(), tracker.GetProperty("to").GetString()));
        Assert.Equal("chk_gpu", tracker.GetProperty("data").GetProperty("tracker").GetString());
        Assert.Equal("VI_1", tracker.GetProperty("data").GetProperty("instances").GetString());
        Assert.StartsWith("track_script chk_gpu: ", tracker.GetProperty("cause").GetString(), StringComparison.Ordinal);
        var fault = events.Last(e => e.GetProperty("kind").GetString() == "transition");
        Assert.Equal(("Master", "Fault"), (fault.GetProperty("from").GetString(), fault.GetProperty("to").GetString()));
        Assert.Equal("chk_gpu", fault.GetProperty("data").GetProperty("tracker").GetString());
        Assert.Equal(150, fault.GetProperty("priority").GetInt32());
    }
}
