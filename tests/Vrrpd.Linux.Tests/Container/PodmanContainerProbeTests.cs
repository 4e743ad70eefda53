using System.Diagnostics;
using Vrrpd.Configuration;
using Vrrpd.Health;
using Vrrpd.Linux.Health.Container;
using Xunit.Abstractions;

namespace Vrrpd.Linux.Tests.Container;

/// <summary>
/// The container probe against a real Podman 4.3.1 API service (one per class, private storage and socket).
/// Podman has no systemd here, so health checks are driven with <c>podman healthcheck run</c>.
/// </summary>
public sealed class PodmanContainerProbeTests(PodmanEngine engine, ITestOutputHelper output) : IClassFixture<PodmanEngine>
{
    private static readonly EventStreamOptions Events =
        new(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1));

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static Task<CheckResult> Poll(ContainerProbe probe) =>
        probe.ProbeAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token).AsTask();

    private ContainerProbe Probe(string container, ContainerRequirement require = ContainerRequirement.Auto, Uri? httpGet = null, string? tcp = null) =>
        new(ContainerProbeTests.Config(engine.SocketPath, container, require, httpGet, tcp), Events);

    private static Task WaitForPortAsync(int port) =>
        ContainerEventStreamTests.WaitUntilAsync(() =>
        {
            using var client = new System.Net.Sockets.TcpClient();
            try
            {
                client.Connect("127.0.0.1", port);
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        }, seconds: 10);

    [PodmanFact]
    public async Task KilledContainer_RaisesUrgentFatalAtOnceAndPollsFail()
    {
        output.WriteLine($"podman service startup (image import included): {engine.StartupTime.TotalMilliseconds:0} ms");
        var name = UniqueName("kill");
        var port = LocalHttpServer.FreePort();
        engine.RunHttpd(name, port);
        using var probe = Probe(name, ContainerRequirement.Running);
        var urgent = new TaskCompletionSource<(CheckResult Result, long At, long UnixNano)>(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Urgent += r => urgent.TrySetResult((r, Stopwatch.GetTimestamp(), ContainerEventStreamTests.UnixNanosecondsNow()));

        Assert.Equal(CheckResult.Healthy($"container {name} is running"), await Poll(probe));
        Assert.Equal(new EngineApiVersion(1, 41), probe.Engine.NegotiatedVersion);
        var latencies = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            Assert.Equal(CheckOutcome.Ok, (await Poll(probe)).Outcome);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        latencies.Sort();
        output.WriteLine($"poll (inspect) latency over 20 polls: min {latencies[0]:0.0} ms, median {latencies[10]:0.0} ms, max {latencies[^1]:0.0} ms");

        probe.Start();
        await ContainerEventStreamTests.WaitUntilAsync(() => probe.EventConnections >= 1);
        var killStarted = Stopwatch.GetTimestamp();
        var (code, killOutput) = engine.Podman("kill", name);
        var killReturned = Stopwatch.GetTimestamp();
        Assert.True(code == 0, killOutput);
        var (result, at, _) = await urgent.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(CheckOutcome.Fatal, result.Outcome);
        Assert.False(result.Latch);
        // Two independent sources race: the pidfd on the main process (microseconds) and the engine's "kill"
        // event (~100 ms); the first one wins, the other is de-duplicated.
        Assert.Contains(result.Reason, new[] { $"container {name} was killed", $"container {name} main process (pid {probe.WatchedPid ?? 0}) exited" });
        output.WriteLine($"podman kill started -> Urgent: {Stopwatch.GetElapsedTime(killStarted, at).TotalMilliseconds:0.0} ms " +
            $"(the podman CLI itself took {Stopwatch.GetElapsedTime(killStarted, killReturned).TotalMilliseconds:0.0} ms)");
        await ContainerEventStreamTests.WaitUntilAsync(() => Poll(probe).Result.Outcome == CheckOutcome.Failed);
        // Podman 4.3 reports "stopped" for a moment before "exited".
        var after = await Poll(probe);
        Assert.Contains(after, new[] { CheckResult.Unhealthy($"container {name} is exited, exit code 137"), CheckResult.Unhealthy($"container {name} is stopped, exit code 137") });
    }

    [PodmanFact]
    public async Task MainProcessKilled_IsSeenFromTheKernel_BeforeTheEngineSaysSo()
    {
        var name = UniqueName("pidfd");
        var port = LocalHttpServer.FreePort();
        engine.RunHttpd(name, port);
        using var probe = Probe(name, ContainerRequirement.Running);
        var urgent = new TaskCompletionSource<(CheckResult Result, long At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Urgent += r => urgent.TrySetResult((r, Stopwatch.GetTimestamp()));

        Assert.Equal(CheckOutcome.Ok, (await Poll(probe)).Outcome);
        var (code, pidText) = engine.Podman("inspect", "-f", "{{.State.Pid}}", name);
        Assert.True(code == 0, pidText);
        int pid = int.Parse(pidText.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(pid, probe.WatchedPid);

        // No event stream started: only the kernel can tell the probe.
        var killed = Stopwatch.GetTimestamp();
        Process.GetProcessById(pid).Kill();
        var (result, at) = await urgent.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(CheckResult.FatalFault($"container {name} main process (pid {pid}) exited"), result);
        var latency = Stopwatch.GetElapsedTime(killed, at);
        output.WriteLine($"SIGKILL of the main process -> Urgent: {latency.TotalMilliseconds:0.000} ms");
        Assert.True(latency < TimeSpan.FromMilliseconds(100), $"{latency.TotalMilliseconds:0.0} ms");
    }

    [PodmanFact]
    public async Task HealthcheckRunByHand_MovesFromStartingToHealthyToUnhealthyWithUrgent()
    {
        var name = UniqueName("hc");
        var port = LocalHttpServer.FreePort();
        engine.RunHttpd(name, port,
            "--health-cmd", $"wget -q -O /dev/null http://127.0.0.1:{port}/health", "--health-interval", "60s", "--health-retries", "1");
        await WaitForPortAsync(port);
        using var probe = Probe(name);
        var urgent = new TaskCompletionSource<CheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Urgent += r => urgent.TrySetResult(r);

        Assert.Equal(CheckResult.Unhealthy($"container {name} is running, health check starting"), await Poll(probe));
        Assert.Equal(0, engine.Podman("healthcheck", "run", name).Code);
        Assert.Equal(CheckResult.Healthy($"container {name} is running and healthy"), await Poll(probe));

        probe.Start();
        await ContainerEventStreamTests.WaitUntilAsync(() => probe.EventConnections >= 1);
        Assert.Equal(0, engine.Podman("exec", name, "rm", "/www/health").Code);
        var clock = Stopwatch.StartNew();
        Assert.Equal(1, engine.Podman("healthcheck", "run", name).Code);
        var result = await urgent.Task.WaitAsync(TimeSpan.FromSeconds(5));
        output.WriteLine($"podman healthcheck run (failing) started -> Urgent: {clock.Elapsed.TotalMilliseconds:0.0} ms");

        Assert.Equal(CheckOutcome.Fatal, result.Outcome);
        Assert.StartsWith($"container {name} is unhealthy", result.Reason);
        var poll = await Poll(probe);
        Assert.Equal(CheckOutcome.Failed, poll.Outcome);
        Assert.Contains(new Measurement("health_failing_streak", 1, name), probe.Measurements);
    }

    [PodmanFact]
    public async Task HttpGet_IsAliveOn200AndFailsOn500AndOn404()
    {
        var name = UniqueName("http");
        var port = LocalHttpServer.FreePort();
        engine.RunHttpd(name, port);
        await WaitForPortAsync(port);
        var cgi = new Uri($"http://127.0.0.1:{port}/cgi-bin/status");
        var page = new Uri($"http://127.0.0.1:{port}/health");
        using var cgiProbe = Probe(name, httpGet: cgi);
        using var pageProbe = Probe(name, httpGet: page);

        Assert.Equal(CheckResult.Healthy($"container {name} is running; {cgi} answered 200"), await Poll(cgiProbe));
        Assert.Equal(CheckOutcome.Ok, (await Poll(pageProbe)).Outcome);

        Assert.Equal(0, engine.Podman("exec", name, "sh", "-c", "echo 500 > /www/status-code").Code);
        Assert.Equal(0, engine.Podman("exec", name, "rm", "/www/health").Code);

        Assert.Equal(CheckResult.Unhealthy($"{cgi} answered 500 Status"), await Poll(cgiProbe));
        var missing = await Poll(pageProbe);
        Assert.Equal(CheckOutcome.Failed, missing.Outcome);
        Assert.StartsWith($"{page} answered 404", missing.Reason);
    }

    [PodmanFact]
    public async Task TcpSocket_IsAliveWhileTheServerListensAndFailsAfterStop()
    {
        var name = UniqueName("tcp");
        var port = LocalHttpServer.FreePort();
        engine.RunHttpd(name, port);
        await WaitForPortAsync(port);
        using var probe = Probe(name, ContainerRequirement.Running, tcp: $"127.0.0.1:{port}");

        Assert.Equal(CheckResult.Healthy($"container {name} is running; tcp 127.0.0.1:{port} accepted a connection"), await Poll(probe));
        Assert.Equal(0, engine.Podman("stop", "-t", "0", name).Code);
        var result = await Poll(probe);

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.StartsWith($"container {name} is exited", result.Reason);
    }

    [PodmanFact]
    public async Task UnknownContainer_FailsSayingNotFound()
    {
        using var probe = Probe("no-such-container");

        Assert.Equal(CheckResult.Unhealthy("container no-such-container not found"), await Poll(probe));
    }
}
