using System.Text.Json;
using Vrrpd.Daemon.Metrics;
using Vrrpd.StateMachine;
using Vrrpd.Status;

namespace Vrrpd.Tests.Metrics;

/// <summary>The health endpoints' answers (README, "Health endpoints"), from a published role snapshot.</summary>
public class HealthEndpointsTests
{
    private static readonly DateTimeOffset Since = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private InstanceRoles roles = new(Since, [
        new InstanceRole("VI_1", 51, "eth0", VrrpState.Master, 150, "192.0.2.11", Since),
        new InstanceRole("GPU SVC", 52, "eth0", VrrpState.Backup, 100, "192.0.2.12", Since),
        new InstanceRole("VI_3", 53, "eth1", VrrpState.Fault, 0, null, null),
    ]);
    private bool loopAnswers = true;

    private HealthEndpoints Endpoints => new(() => roles, () => loopAnswers);

    private static JsonElement Body(HttpAnswer answer) => JsonDocument.Parse(answer.Body).RootElement;

    [Fact]
    public void AnInstance_Answers200OnlyWhileMaster_WithItsRoleAsJson()
    {
        var master = Endpoints.Answer("/v1/instances/VI_1")!.Value;
        Assert.Equal(200, master.Status);
        Assert.StartsWith("application/json", master.ContentType);
        var body = Body(master);
        Assert.Equal("master", body.GetProperty("role").GetString());
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(51, body.GetProperty("vrid").GetInt32());
        Assert.Equal(150, body.GetProperty("priority").GetInt32());
        Assert.Equal("192.0.2.11", body.GetProperty("master").GetString());

        // A name with a space, as an operator's URL encodes it.
        var backup = Endpoints.Answer("/v1/instances/GPU%20SVC")!.Value;
        Assert.Equal(503, backup.Status);
        Assert.Equal("backup", Body(backup).GetProperty("role").GetString());

        var fault = Endpoints.Answer("/v1/instances/VI_3")!.Value;
        Assert.Equal(503, fault.Status);
        Assert.Equal("fault", Body(fault).GetProperty("role").GetString());
        Assert.Equal("fault", Body(fault).GetProperty("status").GetString());
    }

    [Fact]
    public void AFailover_FlipsTheAnswer_AsSoonAsANewSnapshotIsPublished()
    {
        var endpoints = Endpoints;
        Assert.Equal(200, endpoints.Answer("/v1/instances/VI_1")!.Value.Status);

        roles = new InstanceRoles(Since.AddSeconds(1), [new InstanceRole("VI_1", 51, "eth0", VrrpState.Backup, 1, "192.0.2.12", Since.AddSeconds(1))]);

        Assert.Equal(503, endpoints.Answer("/v1/instances/VI_1")!.Value.Status);
    }

    [Fact]
    public void AnUnknownInstance_Is404_AndTheListNamesThemAll()
    {
        var missing = Endpoints.Answer("/v1/instances/NOPE")!.Value;
        Assert.Equal(404, missing.Status);
        Assert.Equal("no instance NOPE", Body(missing).GetProperty("error").GetString());

        var all = Endpoints.Answer("/v1/instances")!.Value;
        Assert.Equal(200, all.Status);
        Assert.Equal(["VI_1", "GPU SVC", "VI_3"],
            Body(all).GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("instance").GetString()!).ToArray());
    }

    [Fact]
    public void Healthz_Is200WhileTheLoopAnswers_And503WhenItIsStalled()
    {
        var alive = Endpoints.Answer("/healthz")!.Value;
        Assert.Equal(200, alive.Status);
        Assert.Equal("healthy", Body(alive).GetProperty("status").GetString());

        loopAnswers = false;
        var stalled = Endpoints.Answer("/healthz")!.Value;
        Assert.Equal(503, stalled.Status);
        Assert.Equal("stalled", Body(stalled).GetProperty("status").GetString());
    }

    [Fact]
    public void OtherPaths_AreNotTheirs()
    {
        Assert.Null(Endpoints.Answer("/metrics"));
        Assert.Null(Endpoints.Answer("/"));
        Assert.Null(Endpoints.Answer("/v1/other"));
    }
}
