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
