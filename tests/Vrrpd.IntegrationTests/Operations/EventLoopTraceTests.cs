using System.Diagnostics;
using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Operations;

/// <summary>
/// The event loop does nothing that can block (docs/design/event-loop.md §2, §3): strace attached to the running
/// daemon's loop thread, through transitions that add and remove the VIP, run notify scripts, append to the events
/// file and log, shows no netlink traffic, no file opened or written, no process started. Its only writes are to
/// eventfds (handing work to the effects worker and the log writer).
/// </summary>
public sealed class EventLoopTraceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(8);

    [LabFact]
    public async Task TheLoopThread_MakesNoNetlinkCall_WritesNoFile_AndStartsNoProcess_ThroughTransitions()
    {
        Assert.True(Command.Exists("strace"), "strace is needed (apt-get install strace; packaging/install-deps.sh does)");
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var instance = new VrrpInstanceConfig
        {
            Version = 3,
            AdvertInt = "0.1",
            Priority = 150,
            ExtraLines = ["notify_master /bin/true", "notify_backup /bin/true", "notify /bin/true"],
        };
        var daemon = lab.StartVrrpd(host, OperationsConfig.Text(lab, host, "", instance));
        await Eventually.Until(() => lab.HasAddress(host, Vip4), Settle, $"{Vip4} on {host}", lab.Report);
        var loop = Assert.Single(Harness.ProcessThread.Of(daemon.Pid), t => t.Name == "vrrp-loop");
        var trace = Path.Combine(lab.WorkDirectory, "loop.strace");
        using var strace = Process.Start(new ProcessStartInfo("strace",
            ["-qq", "-yy", "-p", loop.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", trace,
             "-e", "trace=openat,open,creat,write,writev,pwrite64,sendto,sendmsg,recvfrom,clone,clone3,fork,vfork,execve,wait4"])
            { RedirectStandardError = true })!;
        await Task.Delay(500);   // attached

        // Master -> Backup (VIP removed, notify, events) and back (VIP added, GARP, notify, events), twice.
        for (var i = 0; i < 2; i++)
        {
            Assert.True(VrrpdClient.Run(daemon, "demote", "VI_1").Succeeded);
            await Eventually.Until(() => !lab.HasAddress(host, Vip4), Settle, $"{Vip4} removed after demote", lab.Report);
            Assert.True(VrrpdClient.Run(daemon, "resume", "VI_1").Succeeded);
            await Eventually.Until(() => lab.HasAddress(host, Vip4), Settle, $"{Vip4} back after resume", lab.Report);
        }
        await Task.Delay(300);
        Signals.Send(strace.Id, Signals.SIGINT);
        await strace.WaitForExitAsync();

        var lines = File.ReadAllLines(trace);
        output.WriteLine($"{lines.Length} traced calls on the loop thread; first ones:\n{string.Join("\n", lines.Take(12))}");
        // Adverts go out on raw sockets from the loop: the trace saw it working.
        Assert.Contains(lines, l => l.StartsWith("sendmsg(", StringComparison.Ordinal) && l.Contains("RAW", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("NETLINK", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("open", StringComparison.Ordinal) || l.StartsWith("creat", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("clone", StringComparison.Ordinal) || l.StartsWith("fork", StringComparison.Ordinal)
            || l.StartsWith("vfork", StringComparison.Ordinal) || l.StartsWith("execve", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.StartsWith("write", StringComparison.Ordinal) || l.StartsWith("pwrite", StringComparison.Ordinal)),
            l => Assert.Contains("eventfd", l, StringComparison.Ordinal));
        // The effects did happen, off the loop: the events file has the transitions.
        Assert.True(File.ReadAllLines(OperationsConfig.EventsFile(lab, host)).Count(l => l.Contains("\"transition\"", StringComparison.Ordinal)) >= 4);
    }
}
