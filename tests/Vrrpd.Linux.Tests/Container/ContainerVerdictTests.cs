using System.Text.Json;
using Vrrpd.Configuration;
using Vrrpd.Health;
using Vrrpd.Linux.Health.Container;

namespace Vrrpd.Linux.Tests.Container;

public sealed class ContainerVerdictTests
{
    private static CheckResult Judge(string json, ContainerRequirement require = ContainerRequirement.Auto) =>
        ContainerVerdict.Judge("inference", JsonSerializer.Deserialize(json, EngineJsonContext.Default.ContainerInspect)!, require);

    [Fact]
    public void RunningWithoutHealthcheck_IsOk()
    {
        var result = Judge(InspectJson.Running());
        Assert.Equal(CheckOutcome.Ok, result.Outcome);
        Assert.Equal("container inference is running", result.Reason);
    }

    [Fact]
    public void PodmanEmptyHealthStatus_CountsAsNoHealthcheck()
    {
        Assert.Equal(CheckOutcome.Ok, Judge(InspectJson.PodmanRunningWithoutHealthcheck()).Outcome);
    }

    [Fact]
    public void ExitedAfterOom_FailsNamingOomAndExitCode()
    {
        var result = Judge(InspectJson.Exited(137, oomKilled: true, restarts: 2));
        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Equal("container inference is exited, OOM-killed, exit code 137 (restarted 2 times)", result.Reason);
    }

    [Fact]
    public void ExitedWithStaleHealthyStatus_FailsBecauseStatusComesFirst()
    {
        var result = Judge(InspectJson.WithHealth("exited", "healthy", exitCode: 137));
        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Contains("is exited, exit code 137", result.Reason);
    }

    [Fact]
    public void Paused_Fails()
    {
        Assert.Equal("container inference is paused", Judge(InspectJson.Paused()).Reason);
    }

    [Fact]
    public void Restarting_FailsWithRestartCount()
    {
        var result = Judge(InspectJson.Restarting(5));
        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.StartsWith("container inference is restarting", result.Reason);
        Assert.Contains("restarted 5 times", result.Reason);
    }

    [Theory]
    [InlineData("healthy", CheckOutcome.Ok, "container inference is running and healthy")]
    [InlineData("starting", CheckOutcome.Failed, "container inference is running, health check starting")]
    [InlineData("unhealthy", CheckOutcome.Failed, "container inference is unhealthy (3 failed health checks in a row)")]
    public void RunningWithHealthcheck_FollowsHealthStatus(string health, CheckOutcome expected, string reason)
    {
        var result = Judge(InspectJson.WithHealth("running", health, failingStreak: 3));
        Assert.Equal(expected, result.Outcome);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void RequireRunning_IgnoresUnhealthy()
    {
        Assert.Equal(CheckOutcome.Ok, Judge(InspectJson.WithHealth("running", "unhealthy"), ContainerRequirement.Running).Outcome);
    }

    [Fact]
    public void RequireHealthy_WithoutHealthcheck_FailsSayingSo()
    {
        var result = Judge(InspectJson.Running(), ContainerRequirement.Healthy);
        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Contains("has no HEALTHCHECK", result.Reason);
    }
}
