namespace Vrrpd.Linux.Health.Container;

/// <summary>The part of <c>GET /version</c> that negotiation reads (docs/design/container-health.md §2).</summary>
public sealed class EngineVersionInfo
{
    public string? Version { get; set; }

    /// <summary>The engine's maximum API version.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>The engine's minimum API version (Docker 29.0–29.2: 1.44).</summary>
    public string? MinAPIVersion { get; set; }
}

/// <summary>An engine's error body: Docker <c>{"message"}</c>, Podman <c>{"cause","message","response"}</c>.</summary>
public sealed class EngineErrorBody
{
    public string? Message { get; set; }
}
