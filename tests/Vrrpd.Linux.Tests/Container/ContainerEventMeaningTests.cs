using System.Text.Json;
using Vrrpd.Linux.Health.Container;

namespace Vrrpd.Linux.Tests.Container;

public sealed class ContainerEventMeaningTests
{
    private static EngineEvent Parse(string json) => JsonSerializer.Deserialize(json, EngineJsonContext.Default.EngineEvent)!;

    [Theory]
    [InlineData("die", ContainerEventKind.Down)]
    [InlineData("kill", ContainerEventKind.Down)]
    [InlineData("oom", ContainerEventKind.Down)]
    [InlineData("stop", ContainerEventKind.Down)]
    [InlineData("remove", ContainerEventKind.Down)]
    [InlineData("health_status: unhealthy", ContainerEventKind.Unhealthy)]
    [InlineData("health_status: healthy", ContainerEventKind.MaybeRecovered)]
    [InlineData("health_status", ContainerEventKind.HealthCheckRan)]
    [InlineData("start", ContainerEventKind.MaybeRecovered)]
    [InlineData("exec_die", ContainerEventKind.Ignored)]
    [InlineData("cleanup", ContainerEventKind.Ignored)]
    public void Classify_MapsEngineActions(string action, ContainerEventKind expected)
    {
        Assert.Equal(expected, ContainerEventMeaning.Classify(Parse(InspectJson.Event(action, 1))));
    }

    [Fact]
    public void DockerKillWithReloadSignal_IsIgnored()
    {
        var e = Parse(InspectJson.Event("kill", 1, extraAttributes: ""","signal":"HUP" """));
        Assert.Equal(ContainerEventKind.Ignored, ContainerEventMeaning.Classify(e));
    }

    [Fact]
    public void PodmanDieEvent_IsDescribedWithExitCode()
    {
        var e = Parse(InspectJson.DieEvent());
        Assert.Equal(1795290754229725734, e.TimeNano);
        Assert.Equal("container inference died (exit code 137)", ContainerEventMeaning.Describe("inference", e));
    }

    [Fact]
    public void UnixTime_IsFormattedAsSecondsWithNanosecondFraction()
    {
        Assert.Equal("1629574695.015050031", EngineClient.FormatUnixTime(1629574695_015050031));
    }
}
