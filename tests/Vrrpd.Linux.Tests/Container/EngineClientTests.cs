using System.Net.Sockets;
using Vrrpd.Linux.Health.Container;

namespace Vrrpd.Linux.Tests.Container;

public sealed class EngineClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task EngineWithMaximum141_IsSpokenToAt141()
    {
        using var engine = new FakeEngine(maximum: "1.41", minimum: "1.24");
        engine.Containers["web"] = InspectJson.Running("web");
        using var client = new EngineClient(engine.SocketPath);

        var inspect = await client.InspectContainerAsync("web", new CancellationTokenSource(Timeout).Token);

        Assert.Equal(new EngineApiVersion(1, 41), client.NegotiatedVersion);
        Assert.Equal("running", inspect!.State!.Status);
        Assert.Equal(["/_ping", "/v1.41/containers/web/json"], engine.Requests);
    }

    [Fact]
    public async Task SlowVersionEndpoint_IsNotOnThePath_WhenPingNamesTheApiVersion()
    {
        // Podman's /version takes seconds on a loaded host; /_ping's Api-Version header is all Docker's client reads.
        using var engine = new FakeEngine(maximum: "1.41") { VersionDelay = TimeSpan.FromSeconds(10) };
        engine.Containers["web"] = InspectJson.Running("web");
        using var client = new EngineClient(engine.SocketPath);

        var inspect = await client.InspectContainerAsync("web", new CancellationTokenSource(TimeSpan.FromSeconds(2)).Token);

        Assert.Equal("running", inspect!.State!.Status);
        Assert.DoesNotContain("/version", engine.Requests);
    }

    [Fact]
    public async Task NegotiationCutShortByAPollsTimeout_GoesOn_AndTheNextPollUsesIt()
    {
        using var engine = new FakeEngine(maximum: "1.41") { PingDelay = TimeSpan.FromMilliseconds(400) };
        engine.Containers["web"] = InspectJson.Running("web");
        using var client = new EngineClient(engine.SocketPath);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.InspectContainerAsync("web", new CancellationTokenSource(TimeSpan.FromMilliseconds(100)).Token));
        var inspect = await client.InspectContainerAsync("web", new CancellationTokenSource(Timeout).Token);

        Assert.NotNull(inspect);
        Assert.Equal(1, engine.Requests.Count(r => r == "/_ping"));
    }

    [Fact]
    public async Task TwoClientsOfOneEngine_NegotiateOnce()
    {
        using var engine = new FakeEngine(maximum: "1.41");
        engine.Containers["web"] = InspectJson.Running("web");
        engine.Containers["db"] = InspectJson.Running("db");
        using var first = new EngineClient(engine.SocketPath);
        using var second = new EngineClient(engine.SocketPath);

        await first.InspectContainerAsync("web", new CancellationTokenSource(Timeout).Token);
        await second.InspectContainerAsync("db", new CancellationTokenSource(Timeout).Token);

        Assert.Equal(["/_ping", "/v1.41/containers/web/json", "/v1.41/containers/db/json"], engine.Requests);
    }

    [Fact]
    public async Task EngineWithMinimum144_IsSpokenToAtTheClientMaximum()
    {
        using var engine = new FakeEngine(maximum: "1.52", minimum: "1.44");
        engine.Containers["web"] = InspectJson.Running("web");
        using var client = new EngineClient(engine.SocketPath);

        var inspect = await client.InspectContainerAsync("web", new CancellationTokenSource(Timeout).Token);

        Assert.NotNull(inspect);
        Assert.Equal(EngineApiVersion.ClientMaximum, client.NegotiatedVersion);
        Assert.True(EngineApiVersion.ClientMaximum >= new EngineApiVersion(1, 44));
        Assert.Contains($"/v{EngineApiVersion.ClientMaximum}/containers/web/json", engine.Requests);
    }

    [Fact]
    public async Task EngineMinimumAboveWhatTheClientSpeaks_FailsWithTheEnginesWordsNamingBothVersions()
    {
        using var engine = new FakeEngine(maximum: "1.52", minimum: "1.44");
        using var client = new EngineClient(engine.SocketPath, new EngineApiVersion(1, 43));

        var error = await Assert.ThrowsAsync<EngineException>(
            () => client.InspectContainerAsync("web", new CancellationTokenSource(Timeout).Token));

        Assert.Contains("client version 1.43 is too old. Minimum supported API version is 1.44", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"engine {engine.SocketPath}: inspect web answered 400", error.Message, StringComparison.Ordinal);
        Assert.Null(client.NegotiatedVersion);   // refused: the next call negotiates again
    }

    [Fact]
    public async Task EngineWithoutApiVersionOnPing_IsAskedForVersion_AndItsMinimumIsChecked()
    {
        using var engine = new FakeEngine(maximum: "1.52", minimum: "1.44") { PingWithoutApiVersion = true };
        using var client = new EngineClient(engine.SocketPath, new EngineApiVersion(1, 43));

        var error = await Assert.ThrowsAsync<EngineException>(
            () => client.InspectContainerAsync("web", new CancellationTokenSource(Timeout).Token));

        Assert.Equal($"engine {engine.SocketPath} accepts API 1.44 and newer only; vrrpd speaks up to 1.43", error.Message);
        Assert.Equal(["/_ping", "/version"], engine.Requests);
    }

    [Fact]
    public async Task UnknownContainer_IsNull()
    {
        using var engine = new FakeEngine();
        using var client = new EngineClient(engine.SocketPath);

        Assert.Null(await client.InspectContainerAsync("ghost", new CancellationTokenSource(Timeout).Token));
    }

    [Fact]
    public async Task SocketWithoutListener_IsUnreachableWithConnectionRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vrrpd-dead-engine-{Guid.NewGuid():N}.sock");
        using (var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            bound.Bind(new UnixDomainSocketEndPoint(path));
            try
            {
                using var client = new EngineClient(path);
                var error = await Assert.ThrowsAsync<EngineUnreachableException>(
                    () => client.InspectContainerAsync("web", new CancellationTokenSource(Timeout).Token));
                Assert.Equal($"engine {path} unreachable: Connection refused", error.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public async Task MissingSocket_IsUnreachableWithNoSuchFile()
    {
        using var client = new EngineClient("/nonexistent/vrrpd-test/docker.sock");

        var error = await Assert.ThrowsAsync<EngineUnreachableException>(
            () => client.NegotiateAsync(new CancellationTokenSource(Timeout).Token));

        Assert.Equal("engine /nonexistent/vrrpd-test/docker.sock unreachable: No such file or directory", error.Message);
    }
}
