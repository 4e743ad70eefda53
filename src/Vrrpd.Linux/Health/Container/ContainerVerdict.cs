using Vrrpd.Configuration;
using Vrrpd.Health;

namespace Vrrpd.Linux.Health.Container;

/// <summary>
/// Reads an inspect answer in the order docs/design/container-health.md §4 gives: <c>State.Status</c> first (neither engine resets
/// <c>Health</c> when a container exits, so a dead container can still say "healthy"), then paused/restarting,
/// then the container's own HEALTHCHECK when it is required.
/// </summary>
public static class ContainerVerdict
{
    public static CheckResult Judge(string container, ContainerInspect inspect, ContainerRequirement require)
    {
        var state = inspect.State;
        var status = state?.Status;
        if (state is null || string.IsNullOrEmpty(status))
            return CheckResult.Unhealthy($"container {container}: the engine reported no state");
        if (status != "running" || state.Paused || state.Restarting)
            return CheckResult.Unhealthy(DownReason(container, inspect, state));

        var healthRequired = require == ContainerRequirement.Healthy
            || (require == ContainerRequirement.Auto && inspect.HasHealthcheck);
        if (!healthRequired)
            return CheckResult.Healthy($"container {container} is running");
        if (!inspect.HasHealthcheck)
            return CheckResult.Unhealthy($"container {container} has no HEALTHCHECK, but require healthy asks for one");

        var health = state.Health?.Status;
        return health switch
        {
            "healthy" => CheckResult.Healthy($"container {container} is running and healthy"),
            "starting" => CheckResult.Unhealthy($"container {container} is running, health check starting"),
            "unhealthy" => CheckResult.Unhealthy(
                $"container {container} is unhealthy ({state.Health!.FailingStreak} failed health checks in a row)"),
            null or "" => CheckResult.Unhealthy($"container {container} is running, no health check result yet"),
            _ => CheckResult.Unhealthy($"container {container} health is {health}"),
        };
    }

    /// <summary>"container inference is exited, OOM-killed, exit code 137 (restarted 3 times)".</summary>
    private static string DownReason(string container, ContainerInspect inspect, ContainerState state)
    {
        var what = state.Paused ? "paused" : state.Restarting && state.Status == "running" ? "restarting" : state.Status;
        var reason = $"container {container} is {what}";
        if (state.OOMKilled)
            reason += ", OOM-killed";
        if (state.Status is "exited" or "dead" || state.ExitCode != 0)
            reason += $", exit code {state.ExitCode}";
        if (!string.IsNullOrEmpty(state.Error))
            reason += $": {state.Error}";
        if (inspect.RestartCount > 0)
            reason += $" (restarted {inspect.RestartCount} times)";
        return reason;
    }
}
