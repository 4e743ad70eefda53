using System.Diagnostics;
using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests.Packaging;

/// <summary>
/// The real daemon run as systemd runs a Type=notify service with WatchdogSec=: $NOTIFY_SOCKET names a socket
/// this test listens on, $WATCHDOG_USEC the watchdog interval. It must say READY=1 once started, STATUS= on each
/// transition, WATCHDOG=1 within every interval, and STOPPING=1 on SIGTERM.
/// </summary>
public sealed class SystemdNotifyDaemonTests
{
    private static readonly TimeSpan WatchdogInterval = TimeSpan.FromSeconds(1);

    [LabFact]
    public void Daemon_UnderSystemd_SaysReadyStatusWatchdogAndStopping()
    {
        using var lab = Lab.Create(1);
        using var systemd = NotifyListener.OnPath();
        DaemonProcess daemon;
        // The daemon inherits these at start (and, once wired, removes them from its own environment).
        Environment.SetEnvironmentVariable("NOTIFY_SOCKET", systemd.NotifySocket);
        Environment.SetEnvironmentVariable("WATCHDOG_USEC", ((long)WatchdogInterval.TotalMicroseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            daemon = lab.StartVrrpd(lab[1], new VrrpInstanceConfig().ToConfigText());
        }
        finally
        {
            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", null);
            Environment.SetEnvironmentVariable("WATCHDOG_USEC", null);
        }

        var ready = WaitFor(systemd, lines => lines.Contains("READY=1"), TimeSpan.FromSeconds(10), lab);
        Assert.Contains(ready, line => line.StartsWith("STATUS=VI_1 ", StringComparison.Ordinal));

        // Alone on its link, the instance becomes Master after Master_Down_Interval and says so in STATUS=.
        WaitFor(systemd, lines => lines.Contains("STATUS=VI_1 Master 100"), TimeSpan.FromSeconds(5), lab);

        // Two watchdog pings in a row, each within the interval (vrrpd pings at half of it).
        var clock = Stopwatch.StartNew();
        WaitFor(systemd, lines => lines.Contains("WATCHDOG=1"), WatchdogInterval, lab);
        WaitFor(systemd, lines => lines.Contains("WATCHDOG=1"), WatchdogInterval, lab);
        Assert.True(clock.Elapsed < 2 * WatchdogInterval, $"two pings took {clock.Elapsed.TotalMilliseconds:F0} ms");

        daemon.Terminate();
        WaitFor(systemd, lines => lines.Contains("STOPPING=1"), TimeSpan.FromSeconds(5), lab);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(10)), "vrrpd did not exit after SIGTERM\n" + lab.Report());
        Assert.Equal(0, daemon.ExitCode);
    }

    /// <summary>Reads datagrams until one matches; fails with the lab's report when none does in time.</summary>
    private static IReadOnlyList<string> WaitFor(NotifyListener systemd, Func<IReadOnlyList<string>, bool> match, TimeSpan within, Lab lab)
    {
        var deadline = Stopwatch.StartNew();
        var seen = new List<string>();
        while (deadline.Elapsed < within)
        {
            if (!systemd.HasPending(within - deadline.Elapsed)) break;
            var lines = systemd.Receive();
            if (match(lines)) return lines;
            seen.Add(string.Join(" | ", lines));
        }

        Assert.Fail($"no matching sd_notify message within {within.TotalSeconds} s; got:\n  {string.Join("\n  ", seen)}\n{lab.Report()}");
        return [];
    }
}
