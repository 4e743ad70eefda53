namespace Vrrpd.Linux.Health.Container;

/// <summary>
/// The part of <c>GET /containers/{id}/json</c> the tracker reads (docs/design/container-health.md §3–§4). Everything else in the
/// answer is skipped by the deserializer.
/// </summary>
public sealed class ContainerInspect
{
    public string? Id { get; set; }

    /// <summary>"/inference": the engine prefixes names with a slash.</summary>
    public string? Name { get; set; }

    public int RestartCount { get; set; }

    public ContainerState? State { get; set; }

    public ContainerConfigSection? Config { get; set; }

    /// <summary>True when the image or run options define a HEALTHCHECK other than <c>NONE</c>.</summary>
    public bool HasHealthcheck =>
        Config?.Healthcheck?.Test is { Length: > 0 } test
            ? !string.Equals(test[0], "NONE", StringComparison.OrdinalIgnoreCase)
            : State?.Health?.Status is { Length: > 0 } status && status != "none";
}

/// <summary><c>definitions/ContainerState</c>.</summary>
public sealed class ContainerState
{
    /// <summary>created, running, paused, restarting, removing, exited, dead: the primary state.</summary>
    public string? Status { get; set; }

    public bool Running { get; set; }

    public bool Paused { get; set; }

    public bool Restarting { get; set; }

    public bool OOMKilled { get; set; }

    public bool Dead { get; set; }

    /// <summary>The main process in the host's pid namespace while running; 0 otherwise.</summary>
    public int Pid { get; set; }

    /// <summary>137 = SIGKILL.</summary>
    public int ExitCode { get; set; }

    public string? Error { get; set; }

    /// <summary>Null or absent without a HEALTHCHECK (Docker); Podman sends <c>Status: ""</c>.</summary>
    public ContainerHealth? Health { get; set; }
}

public sealed class ContainerHealth
{
    /// <summary>none, starting, healthy, unhealthy; "" on Podman without a HEALTHCHECK.</summary>
    public string? Status { get; set; }

    /// <summary>Consecutive failed health probes.</summary>
    public int FailingStreak { get; set; }
}

public sealed class ContainerConfigSection
{
    public HealthcheckConfig? Healthcheck { get; set; }
}

public sealed class HealthcheckConfig
{
    /// <summary>["NONE"], ["CMD", …] or ["CMD-SHELL", "…"].</summary>
    public string[]? Test { get; set; }
}
