namespace Vrrpd.Linux.Health.Container;

/// <summary>What an engine event means for a tracked container.</summary>
public enum ContainerEventKind
{
    /// <summary>Nothing for the tracker (exec, attach, create, cleanup, …).</summary>
    Ignored,

    /// <summary>The container stopped serving: die, kill, oom, stop, pause, removal.</summary>
    Down,

    /// <summary>Docker's <c>health_status: unhealthy</c> (sent on a change only).</summary>
    Unhealthy,

    /// <summary>Podman's bare <c>health_status</c>, sent after every probe run with no value (its top-level
    /// <c>HealthStatus</c> lags by one probe): only a fresh inspect tells the result.</summary>
    HealthCheckRan,

    /// <summary>start, restart, unpause, <c>health_status: healthy</c>: worth polling now rather than at the next interval.</summary>
    MaybeRecovered,
}

/// <summary>Classifies engine events (docs/design/container-health.md §5, Podman's differences §6) and words the reason.</summary>
public static class ContainerEventMeaning
{
    public static ContainerEventKind Classify(EngineEvent e)
    {
        var action = e.Action ?? "";
        if (action.StartsWith("health_status", StringComparison.Ordinal))
        {
            var colon = action.IndexOf(':');
            if (colon < 0)
                return ContainerEventKind.HealthCheckRan;
            return action[(colon + 1)..].Trim() switch
            {
                "unhealthy" => ContainerEventKind.Unhealthy,
                "healthy" => ContainerEventKind.MaybeRecovered,
                _ => ContainerEventKind.Ignored,
            };
        }
        if (action == "kill" && IsReloadSignal(e.Attribute("signal")))
            return ContainerEventKind.Ignored;
        return action switch
        {
            "die" or "kill" or "oom" or "stop" or "pause" or "destroy" or "remove" => ContainerEventKind.Down,
            "start" or "restart" or "unpause" => ContainerEventKind.MaybeRecovered,
            _ => ContainerEventKind.Ignored,
        };
    }

    /// <summary>Docker names the signal of a kill (Podman does not): HUP, USR1, USR2, WINCH and CONT ask a
    /// process to reload or report, not to stop. If one does end it, its die event follows.</summary>
    private static bool IsReloadSignal(string? signal) =>
        signal?.ToUpperInvariant().Replace("SIG", "", StringComparison.Ordinal)
            is "HUP" or "1" or "USR1" or "10" or "USR2" or "12" or "WINCH" or "28" or "CONT" or "18";

    /// <summary>"container inference died (exit code 137)", "container inference was killed (signal KILL)".</summary>
    public static string Describe(string container, EngineEvent e)
    {
        var action = e.Action ?? "";
        return action switch
        {
            "die" => $"container {container} died (exit code {e.Attribute("exitCode") ?? "unknown"})",
            "kill" => e.Attribute("signal") is { } signal
                ? $"container {container} was killed (signal {signal})"
                : $"container {container} was killed",
            "oom" => $"container {container} ran out of memory (OOM)",
            "stop" => $"container {container} was stopped",
            "pause" => $"container {container} was paused",
            "destroy" or "remove" => $"container {container} was removed",
            _ when action.StartsWith("health_status", StringComparison.Ordinal) => $"container {container} health check: {action}",
            _ => $"container {container}: {action}",
        };
    }
}
