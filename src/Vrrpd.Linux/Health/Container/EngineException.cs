namespace Vrrpd.Linux.Health.Container;

/// <summary>The engine answered, but not as asked (a refused API version, a 500). The message says which.</summary>
public class EngineException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// No answer from the engine's socket: "engine /run/podman/podman.sock unreachable: Connection refused".
/// Kept apart from "container down" (docs/design/container-health.md §4, step 1).
/// </summary>
public sealed class EngineUnreachableException(string socketPath, string reason, Exception? inner = null)
    : EngineException($"engine {socketPath} unreachable: {reason}", inner)
{
    public string SocketPath { get; } = socketPath;
}
