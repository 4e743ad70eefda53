using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Operations;

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
