using System.Text.Json;
using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Operations;

/// <summary>The events file: created with its directory, rotated at events_file_max_size, read back in order.</summary>
public sealed class EventsFileTests
{
    [LabFact]
    public async Task EventsFile_RotatesAtTheSizeCap_AndEventsReadsTheRotatedFileFirst()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var path = OperationsConfig.EventsFile(lab, host);
        var daemon = lab.StartVrrpd(host, OperationsConfig.Text(lab, host, "    events_file_max_size 4096", new VrrpInstanceConfig { Priority = 100 }));
        await Eventually.Until(() => lab.HasAddress(host, Vip4), TimeSpan.FromSeconds(8), $"{Vip4} on {host}", lab.Report);

        // Each demote/resume of the Master writes a transition or operator line (~250 bytes): 12 rounds pass 4 KiB.
        for (var round = 0; round < 12; round++)
        {
            VrrpdClient.Run(daemon, "demote", "VI_1").EnsureSuccess();
            VrrpdClient.Run(daemon, "resume", "VI_1").EnsureSuccess();
        }

        // Quiet before reading: the last resume is followed by a takeover (and its line) one down interval later.
        await Eventually.Until(() => daemon.Status().Instance("VI_1").State == "Master", TimeSpan.FromSeconds(5), "VI_1 Master again", lab.Report);
        await Task.Delay(TimeSpan.FromSeconds(0.5));

        Assert.True(File.Exists(path + ".1"), $"{path}.1 after more than 4 KiB of events");
        Assert.True(new FileInfo(path).Length <= 4096 && new FileInfo(path + ".1").Length <= 4096, "both generations within the cap");
        var stored = File.ReadAllLines(path + ".1").Concat(File.ReadAllLines(path)).ToArray();
        var times = stored.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("time").GetDateTimeOffset()).ToArray();
        Assert.Equal(times.Order(), times);
        var printed = VrrpdClient.Run(daemon, "events", "--json").EnsureSuccess().StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(stored, printed);
        var text = VrrpdClient.Run(daemon, "events").EnsureSuccess().StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(stored.Length, text.Length);
        Assert.Contains(text, l => l.EndsWith("VI_1[51] Master -> Backup: demoted by operator uid 0 (priority 100, advertised 1)", StringComparison.Ordinal));
    }
}

/// <summary>`vrrpd events --follow` prints what is written after it started.</summary>
public sealed class EventsFollowTests
{
    [LabFact]
    public async Task EventsFollow_PrintsANewEventAsItIsWritten()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var daemon = lab.StartVrrpd(host, OperationsConfig.Text(lab, host, "", new VrrpInstanceConfig { Priority = 100 }));
        await Eventually.Until(() => lab.HasAddress(host, Vip4), TimeSpan.FromSeconds(8), $"{Vip4} on {host}", lab.Report);
        var (fileName, prefix) = VrrpdBinary.Resolve();
        var start = new System.Diagnostics.ProcessStartInfo("ip") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "netns", "exec", host.Namespace, fileName }.Concat(prefix)
                     .Concat(["events", "--follow", "--control-socket", daemon.ControlSocket]))
            start.ArgumentList.Add(argument);
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var follow = System.Diagnostics.Process.Start(start)!;
        follow.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        follow.BeginOutputReadLine();
        try
        {
            await Eventually.Until(() => lines.Any(l => l.Contains("Initialize -> Backup", StringComparison.Ordinal)), TimeSpan.FromSeconds(10),
                "the existing events first", () => string.Join('\n', lines));

            VrrpdClient.Run(daemon, "demote", "VI_1").EnsureSuccess();

            await Eventually.Until(() => lines.Any(l => l.Contains("Master -> Backup: demoted by operator uid 0", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(5), "the demotion printed while following", () => string.Join('\n', lines));
        }
        finally
        {
            follow.Kill();
            follow.WaitForExit();
        }
    }
}

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
