using System.Diagnostics;
using System.Globalization;

namespace Vrrpd.IntegrationTests.Packaging;

/// <summary>The sd_notify client against a real unix datagram socket standing in for systemd.</summary>
public sealed class SystemdNotifierTests
{
    private const string NotifierType = "Vrrpd.Daemon.Systemd.SystemdNotifier";

    private static dynamic CreateNotifier(string? notifySocket, TimeSpan? watchdog = null, Action<string>? onError = null) =>
        Activator.CreateInstance(VrrpdAssembly.Type(NotifierType), notifySocket, watchdog, onError)!;

    private static TimeSpan? ParseWatchdog(string? usec, string? pid, int ownPid) =>
        (TimeSpan?)VrrpdAssembly.CallStatic(NotifierType, "ParseWatchdog", usec, pid, ownPid);

    [Fact]
    public void Ready_OnAPathSocket_SendsReadyEqualsOne()
    {
        using var systemd = NotifyListener.OnPath();
        using var notifier = CreateNotifier(systemd.NotifySocket);

        Assert.True(notifier.IsEnabled);
        Assert.True(notifier.Ready());
        Assert.Equal(["READY=1"], systemd.Receive());
    }

    [Fact]
    public void Ready_OnAnAbstractSocket_ReachesTheNameAfterTheAtSign()
    {
        using var systemd = NotifyListener.Abstract();
        using var notifier = CreateNotifier(systemd.NotifySocket);

        Assert.True(notifier.Ready());
        Assert.Equal(["READY=1"], systemd.Receive());
    }

    [Fact]
    public void Ready_WithAStatus_SendsBothAssignmentsInOneDatagram()
    {
        using var systemd = NotifyListener.OnPath();
        using var notifier = CreateNotifier(systemd.NotifySocket);

        notifier.Ready("VI_1 Backup 100");
        Assert.Equal(["READY=1", "STATUS=VI_1 Backup 100"], systemd.Receive());
    }

    [Fact]
    public void Status_WithNewlines_IsFlattenedToOneLineSoItCannotInjectAssignments()
    {
        using var systemd = NotifyListener.OnPath();
        using var notifier = CreateNotifier(systemd.NotifySocket);

        notifier.Status("VI_1 Master 150\nREADY=1");
        Assert.Equal(["STATUS=VI_1 Master 150 READY=1"], systemd.Receive());
    }

    [Fact]
    public void Reloading_CarriesMonotonicUsecOfNow()
    {
        using var systemd = NotifyListener.OnPath();
        using var notifier = CreateNotifier(systemd.NotifySocket);

        var before = Stopwatch.GetTimestamp();
        notifier.Reloading();
        var after = Stopwatch.GetTimestamp();

        var lines = systemd.Receive();
        Assert.Equal("RELOADING=1", lines[0]);
        Assert.StartsWith("MONOTONIC_USEC=", lines[1]);
        var usec = long.Parse(lines[1]["MONOTONIC_USEC=".Length..], CultureInfo.InvariantCulture);
        // CLOCK_MONOTONIC in microseconds: between the test's own readings of the same clock.
        Assert.InRange(usec, Microseconds(before), Microseconds(after) + 1);
    }

    private static long Microseconds(long stopwatchTicks) =>
        (long)VrrpdAssembly.CallStatic(NotifierType, "ToMicroseconds", stopwatchTicks)!;

    [Fact]
    public void Microseconds_OfAMachineUpForDays_DoesNotOverflow()
    {
        // 30 days of uptime in Stopwatch ticks. ticks × 10⁶ in a long overflows after 2.6 hours of uptime (this
        // test's own range check once did so on CI); the notifier must not.
        var thirtyDays = 30L * 24 * 3600 * Stopwatch.Frequency;
        Assert.Equal(30L * 24 * 3600 * 1_000_000, Microseconds(thirtyDays));
    }

    [Fact]
    public void Stopping_SendsStoppingEqualsOne()
    {
        using var systemd = NotifyListener.OnPath();
        using var notifier = CreateNotifier(systemd.NotifySocket);

        notifier.Stopping();
        Assert.Equal(["STOPPING=1"], systemd.Receive());
    }

    [Fact]
    public void Watchdog_WithAnInterval_PingsAtHalfOfIt()
    {
        using var systemd = NotifyListener.OnPath();
        using var notifier = CreateNotifier(systemd.NotifySocket, TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(5), (TimeSpan?)notifier.WatchdogPingInterval);
        Assert.True(notifier.Watchdog());
        Assert.Equal(["WATCHDOG=1"], systemd.Receive());
    }

    [Fact]
    public void Watchdog_WithoutAnInterval_SendsNothing()
    {
        using var systemd = NotifyListener.OnPath();
        using var notifier = CreateNotifier(systemd.NotifySocket);

        Assert.False(notifier.Watchdog());
        Assert.Null((TimeSpan?)notifier.WatchdogPingInterval);
        Assert.False(systemd.HasPending(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void EveryCall_WithoutNotifySocket_IsANoOp()
    {
        using var notifier = CreateNotifier(null, TimeSpan.FromSeconds(10));

        Assert.False(notifier.IsEnabled);
        Assert.False(notifier.Ready());
        Assert.False(notifier.Status("x"));
        Assert.False(notifier.Reloading());
        Assert.False(notifier.Stopping());
        Assert.False(notifier.Watchdog());
    }

    [Fact]
    public void Send_ToASocketNobodyListensOn_ReportsTheErrorAndReturnsFalse()
    {
        var errors = new List<string>();
        var missing = Path.Combine(Path.GetTempPath(), $"vrrpd-no-such-notify-{Guid.NewGuid():N}");
        using var notifier = CreateNotifier(missing, null, errors.Add);

        Assert.False(notifier.Ready());
        Assert.Contains(missing, Assert.Single(errors));
    }

    [Fact]
    public void Constructor_WithARelativeNotifySocket_DisablesItselfAndSaysWhy()
    {
        var errors = new List<string>();
        using var notifier = CreateNotifier("run/notify", null, errors.Add);

        Assert.False(notifier.IsEnabled);
        Assert.Contains("NOTIFY_SOCKET=run/notify", Assert.Single(errors));
    }

    [Theory]
    [InlineData("30000000", null, 30.0)]
    [InlineData("30000000", "", 30.0)]
    [InlineData("500000", "OWN", 0.5)]
    [InlineData("30000000", "1", null)]          // meant for another process (WATCHDOG_PID is not ours)
    [InlineData("0", null, null)]
    [InlineData("", null, null)]
    [InlineData(null, null, null)]
    [InlineData("-5", null, null)]
    [InlineData("3s", null, null)]
    public void ParseWatchdog_FollowsSdWatchdogEnabled(string? usec, string? pid, double? expectedSeconds)
    {
        var ownPid = 4242;
        var parsed = ParseWatchdog(usec, pid == "OWN" ? ownPid.ToString(CultureInfo.InvariantCulture) : pid, ownPid);
        Assert.Equal(expectedSeconds is null ? null : TimeSpan.FromSeconds(expectedSeconds.Value), parsed);
    }

    [Fact]
    public void FromEnvironment_ReadsTheVariablesAndRemovesThemSoScriptsDoNotInheritThem()
    {
        using var systemd = NotifyListener.OnPath();
        Environment.SetEnvironmentVariable("NOTIFY_SOCKET", systemd.NotifySocket);
        Environment.SetEnvironmentVariable("WATCHDOG_USEC", "4000000");
        Environment.SetEnvironmentVariable("WATCHDOG_PID", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            using var notifier = (IDisposable)VrrpdAssembly.CallStatic(NotifierType, "FromEnvironment", [null])!;
            dynamic loaded = notifier;

            Assert.Equal(TimeSpan.FromSeconds(4), (TimeSpan?)loaded.WatchdogInterval);
            Assert.Null(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));
            Assert.Null(Environment.GetEnvironmentVariable("WATCHDOG_USEC"));
            Assert.Null(Environment.GetEnvironmentVariable("WATCHDOG_PID"));
            Assert.True(loaded.Watchdog());
            Assert.Equal(["WATCHDOG=1"], systemd.Receive());
        }
        finally
        {
            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", null);
            Environment.SetEnvironmentVariable("WATCHDOG_USEC", null);
            Environment.SetEnvironmentVariable("WATCHDOG_PID", null);
        }
    }
}
