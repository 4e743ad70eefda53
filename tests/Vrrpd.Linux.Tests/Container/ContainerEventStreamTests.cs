using Vrrpd.Linux.Health.Container;

namespace Vrrpd.Linux.Tests.Container;

public sealed class ContainerEventStreamTests
{
    private static readonly EventStreamOptions Fast =
        new(StallTimeout: TimeSpan.FromMilliseconds(300), InitialBackoff: TimeSpan.FromMilliseconds(20), MaxBackoff: TimeSpan.FromMilliseconds(200));

    [Fact]
    public async Task StalledStream_IsReopenedSinceItOpenedAndDeliversLaterEvents()
    {
        using var engine = new FakeEngine { StallEvents = true };
        using var client = new EngineClient(engine.SocketPath);
        using var stream = new ContainerEventStream(client, "inference", Fast);
        var interruptions = new List<string>();
        stream.StreamInterrupted += reason => { lock (interruptions) interruptions.Add(reason); };
        var received = new TaskCompletionSource<EngineEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        stream.EventReceived += e => received.TrySetResult(e);

        stream.Start();
        await engine.WaitForEventConnectionsAsync(1, TimeSpan.FromSeconds(5));
        engine.StallEvents = false;
        await engine.WaitForEventConnectionsAsync(2, TimeSpan.FromSeconds(5));
        engine.Emit(InspectJson.DieEvent(timeNano: UnixNanosecondsNow()));

        var e = await received.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("die", e.Action);
        lock (interruptions)
            Assert.Contains("no event for 0.3 s; reopening the stream", interruptions);
        var reopened = engine.Requests.Where(r => r.Contains("/events?", StringComparison.Ordinal)).ToList();
        Assert.True(reopened.Count >= 2);
        Assert.All(reopened, r => Assert.Contains("since=", r));
        Assert.Contains("filters=%7B%22type%22%3A%5B%22container%22%5D%2C%22container%22%3A%5B%22inference%22%5D%7D", reopened[0]);
    }

    [Fact]
    public async Task ClosedStream_IsReopenedAndReplayedEventsAreNotDeliveredTwice()
    {
        using var engine = new FakeEngine();
        using var client = new EngineClient(engine.SocketPath);
        using var stream = new ContainerEventStream(client, "inference", Fast);
        var actions = new List<string>();
        stream.EventReceived += e => { lock (actions) actions.Add(e.Action!); };

        stream.Start();
        await engine.WaitForEventConnectionsAsync(1, TimeSpan.FromSeconds(5));
        var first = UnixNanosecondsNow();
        engine.Emit(InspectJson.Event("kill", first));
        await WaitUntilAsync(() => { lock (actions) return actions.Count == 1; });
        engine.CloseEventStreams();
        await engine.WaitForEventConnectionsAsync(2, TimeSpan.FromSeconds(5));
        // An engine replays from `since` (the last event's time): the kill comes again, then the new die.
        engine.Emit(InspectJson.Event("kill", first));
        engine.Emit(InspectJson.Event("die", first + 1000));
        await WaitUntilAsync(() => { lock (actions) return actions.Count == 2; });
        await WaitUntilAsync(() => stream.Connections == 2);

        lock (actions)
            Assert.Equal(["kill", "die"], actions);
        var second = engine.Requests.Where(r => r.Contains("/events?", StringComparison.Ordinal)).ElementAt(1);
        Assert.Contains("since=" + EngineClient.FormatUnixTime(first), second);
        Assert.Equal(2, stream.Connections);
    }

    [Fact]
    public async Task UnreachableEngine_IsRetriedWithBackoffUntilItAppears()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vrrpd-late-engine-{Guid.NewGuid():N}.sock");
        using var client = new EngineClient(path);
        using var stream = new ContainerEventStream(client, "inference", Fast);
        var interruptions = 0;
        stream.StreamInterrupted += _ => Interlocked.Increment(ref interruptions);

        stream.Start();
        await WaitUntilAsync(() => Volatile.Read(ref interruptions) >= 2);
        Assert.Equal(0, stream.Connections);
        using var engine = new FakeEngine(socketPath: path);
        await WaitUntilAsync(() => stream.Connections == 1);
        Assert.Equal(1, engine.EventConnections);
    }

    internal static long UnixNanosecondsNow() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    internal static async Task WaitUntilAsync(Func<bool> condition, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("condition not met in time");
            await Task.Delay(5);
        }
    }
}
