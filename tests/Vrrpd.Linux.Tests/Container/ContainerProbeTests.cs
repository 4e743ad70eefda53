using System.Diagnostics;
using Vrrpd.Configuration;
using Vrrpd.Health;
using Vrrpd.Linux.Health.Container;

namespace Vrrpd.Linux.Tests.Container;

public sealed class ContainerProbeTests
{
    private static readonly EventStreamOptions Fast =
        new(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200));

    internal static ContainerTrackerConfig Config(
        string socket,
        string container = "inference",
        ContainerRequirement require = ContainerRequirement.Auto,
        Uri? httpGet = null,
        string? tcpSocket = null,
        double timeoutSeconds = 1) =>
        new("ct", socket, container, require, httpGet, tcpSocket,
            TrackerTiming.Default with { Timeout = TimeSpan.FromSeconds(timeoutSeconds) },
            new SourceLocation("test.conf", 1, 1));

    private static Task<CheckResult> Poll(ContainerProbe probe) =>
        probe.ProbeAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token).AsTask();

    [Fact]
    public async Task EngineRefusingConnections_FailsNamingTheSocketAndTheError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vrrpd-refusing-{Guid.NewGuid():N}.sock");
        using var bound = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        bound.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        try
        {
            using var probe = new ContainerProbe(Config(path));
            var result = await Poll(probe);
            Assert.Equal(CheckOutcome.Failed, result.Outcome);
            Assert.Equal($"engine {path} unreachable: Connection refused", result.Reason);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task MissingContainer_FailsSayingNotFound()
    {
        using var engine = new FakeEngine();
        using var probe = new ContainerProbe(Config(engine.SocketPath));

        var result = await Poll(probe);

        Assert.Equal(CheckResult.Unhealthy("container inference not found"), result);
    }

    [Fact]
    public async Task RunningContainer_IsOkAndReportsRestartCount()
    {
        using var engine = new FakeEngine();
        engine.Containers["inference"] = InspectJson.Running(restarts: 3);
        using var probe = new ContainerProbe(Config(engine.SocketPath));

        var result = await Poll(probe);

        Assert.Equal(CheckOutcome.Ok, result.Outcome);
        Assert.Contains(new Measurement("restart_count", 3, "inference"), probe.Measurements);
        Assert.Contains(new Measurement("health_failing_streak", 0, "inference"), probe.Measurements);
    }

    [Fact]
    public async Task DieEvent_RaisesUrgentFatalWithin100Milliseconds()
    {
        using var engine = new FakeEngine();
        engine.Containers["inference"] = InspectJson.Running();
        using var probe = new ContainerProbe(Config(engine.SocketPath), Fast);
        var urgent = new TaskCompletionSource<(CheckResult Result, long At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Urgent += r => urgent.TrySetResult((r, Stopwatch.GetTimestamp()));

        probe.Start();
        await engine.WaitForEventConnectionsAsync(1, TimeSpan.FromSeconds(5));
        var emitted = Stopwatch.GetTimestamp();
        engine.Emit(InspectJson.DieEvent(timeNano: ContainerEventStreamTests.UnixNanosecondsNow()));
        var (result, at) = await urgent.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(CheckResult.FatalFault("container inference died (exit code 137)"), result);
        Assert.False(result.Latch);
        Assert.InRange(Stopwatch.GetElapsedTime(emitted, at), TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task KillDieStopBurst_RaisesOneUrgentUntilTheContainerStartsAgain()
    {
        using var engine = new FakeEngine();
        using var probe = new ContainerProbe(Config(engine.SocketPath), Fast);
        var urgent = new List<CheckResult>();
        var repolls = 0;
        probe.Urgent += r => { lock (urgent) urgent.Add(r); };
        probe.RepollRequested += () => Interlocked.Increment(ref repolls);

        probe.Start();
        await engine.WaitForEventConnectionsAsync(1, TimeSpan.FromSeconds(5));
        var t = ContainerEventStreamTests.UnixNanosecondsNow();
        engine.Emit(InspectJson.Event("kill", t));
        engine.Emit(InspectJson.DieEvent(timeNano: t + 1));
        engine.Emit(InspectJson.Event("stop", t + 2));
        engine.Emit(InspectJson.Event("start", t + 3));
        engine.Emit(InspectJson.Event("oom", t + 4));
        await ContainerEventStreamTests.WaitUntilAsync(() => { lock (urgent) return urgent.Count == 2; });

        lock (urgent)
            Assert.Equal(["container inference was killed", "container inference ran out of memory (OOM)"], urgent.Select(r => r.Reason));
        Assert.Equal(1, Volatile.Read(ref repolls));
    }

    [Fact]
    public async Task PodmanHealthStatusEvent_ReinspectsAndRaisesUrgentWhenUnhealthy()
    {
        using var engine = new FakeEngine();
        engine.Containers["inference"] = InspectJson.WithHealth("running", "healthy");
        using var probe = new ContainerProbe(Config(engine.SocketPath), Fast);
        var urgent = new TaskCompletionSource<CheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Urgent += r => urgent.TrySetResult(r);
        Assert.Equal(CheckOutcome.Ok, (await Poll(probe)).Outcome);

        probe.Start();
        await engine.WaitForEventConnectionsAsync(1, TimeSpan.FromSeconds(5));
        engine.Containers["inference"] = InspectJson.WithHealth("running", "unhealthy", failingStreak: 1);
        engine.Emit(InspectJson.Event("health_status", ContainerEventStreamTests.UnixNanosecondsNow()));

        var result = await urgent.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(CheckResult.FatalFault("container inference is unhealthy (1 failed health checks in a row)"), result);
    }

    [Fact]
    public async Task HealthEventsAreIgnored_WhenOnlyRunningIsRequired()
    {
        using var engine = new FakeEngine();
        engine.Containers["inference"] = InspectJson.WithHealth("running", "unhealthy");
        using var probe = new ContainerProbe(Config(engine.SocketPath, require: ContainerRequirement.Running), Fast);
        var urgent = 0;
        probe.Urgent += _ => Interlocked.Increment(ref urgent);

        probe.Start();
        await engine.WaitForEventConnectionsAsync(1, TimeSpan.FromSeconds(5));
        engine.Emit(InspectJson.Event("health_status: unhealthy", ContainerEventStreamTests.UnixNanosecondsNow()));
        engine.Emit(InspectJson.Event("health_status", ContainerEventStreamTests.UnixNanosecondsNow() + 1));
        await Task.Delay(200);

        Assert.Equal(0, Volatile.Read(ref urgent));
        Assert.Equal(CheckOutcome.Ok, (await Poll(probe)).Outcome);
    }

    [Theory]
    [InlineData(200, CheckOutcome.Ok)]
    [InlineData(302, CheckOutcome.Ok)]
    [InlineData(404, CheckOutcome.Failed)]
    [InlineData(500, CheckOutcome.Failed)]
    public async Task HttpGet_Between200And399IsAlive(int status, CheckOutcome expected)
    {
        using var engine = new FakeEngine();
        engine.Containers["inference"] = InspectJson.Running();
        using var server = new LocalHttpServer { StatusCode = status };
        var url = new Uri($"http://127.0.0.1:{server.Port}/health");
        using var probe = new ContainerProbe(Config(engine.SocketPath, httpGet: url));

        var result = await Poll(probe);

        Assert.Equal(expected, result.Outcome);
        Assert.Contains($"{url} answered {status}", result.Reason);
    }

    [Fact]
    public async Task HttpGet_HungServer_FailsAfterTheTrackerTimeout()
    {
        using var engine = new FakeEngine();
        engine.Containers["inference"] = InspectJson.Running();
        using var server = new LocalHttpServer { Hang = true };
        var url = new Uri($"http://127.0.0.1:{server.Port}/health");
        using var probe = new ContainerProbe(Config(engine.SocketPath, httpGet: url, timeoutSeconds: 0.3));

        var clock = Stopwatch.StartNew();
        var result = await Poll(probe);

        Assert.Equal(CheckResult.Unhealthy($"{url} did not answer in time"), result);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task HttpGet_NothingListening_FailsWithConnectionRefused()
    {
        using var engine = new FakeEngine();
        engine.Containers["inference"] = InspectJson.Running();
        var url = new Uri($"http://127.0.0.1:{LocalHttpServer.FreePort()}/health");
        using var probe = new ContainerProbe(Config(engine.SocketPath, httpGet: url));

        var result = await Poll(probe);

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Contains("Connection refused", result.Reason);
    }

    [Fact]
    public async Task TcpSocket_OpenPortIsAliveAndClosedPortFails()
    {
        using var engine = new FakeEngine();
        engine.Containers["inference"] = InspectJson.Running();
        using var server = new LocalHttpServer();
        var closed = LocalHttpServer.FreePort();
        using var open = new ContainerProbe(Config(engine.SocketPath, tcpSocket: $"127.0.0.1:{server.Port}"));
        using var shut = new ContainerProbe(Config(engine.SocketPath, tcpSocket: $"127.0.0.1:{closed}"));

        Assert.Equal(CheckOutcome.Ok, (await Poll(open)).Outcome);
        Assert.Equal(CheckResult.Unhealthy($"tcp 127.0.0.1:{closed}: Connection refused"), await Poll(shut));
    }

    [Fact]
    public async Task LivenessChecksAreSkipped_WhenTheContainerIsDown()
    {
        using var engine = new FakeEngine();
        engine.Containers["inference"] = InspectJson.Exited(1, oomKilled: false);
        using var server = new LocalHttpServer();
        using var probe = new ContainerProbe(Config(engine.SocketPath, httpGet: new Uri($"http://127.0.0.1:{server.Port}/")));

        var result = await Poll(probe);

        Assert.Equal(CheckResult.Unhealthy("container inference is exited, exit code 1"), result);
    }
}
