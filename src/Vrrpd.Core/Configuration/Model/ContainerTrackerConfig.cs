namespace Vrrpd.Configuration;

/// <summary>What counts as a live container.</summary>
public enum ContainerRequirement
{
    /// <summary>Healthy when the container has a HEALTHCHECK, else running.</summary>
    Auto,
    Running,
    Healthy,
}

/// <summary>
/// vrrpd's <c>vrrp_track_container NAME { engine SOCKET; container NAME|ID; require running|healthy;
/// http_get URL; tcp_socket HOST:PORT; interval; timeout; rise; fall; weight }</c>, asked of the Docker/Podman
/// engine API directly.
/// </summary>
/// <param name="EngineSocket">Default /var/run/docker.sock.</param>
/// <param name="TcpSocket">HOST:PORT, or null.</param>
public sealed record ContainerTrackerConfig(
    string Name,
    string EngineSocket,
    string Container,
    ContainerRequirement Require,
    Uri? HttpGet,
    string? TcpSocket,
    TrackerTiming Timing,
    SourceLocation Location)
{
    public const string DefaultEngineSocket = "/var/run/docker.sock";
}
