using System.Text.Json.Serialization;

namespace Vrrpd.Linux.Health.Container;

/// <summary>
/// One line of <c>GET /events</c> (<c>EventMessage</c>, docs/design/container-health.md §5). Only <c>Action</c> and <c>Actor</c>
/// are read: Docker ≥ API 1.52 no longer sends the legacy <c>status</c>/<c>id</c>/<c>from</c>.
/// </summary>
public sealed class EngineEvent
{
    /// <summary>"container", "image", …</summary>
    public string? Type { get; set; }

    /// <summary>"die", "kill", "oom", "stop", "start", "health_status: unhealthy" (Docker), "health_status" (Podman).</summary>
    public string? Action { get; set; }

    public EngineEventActor? Actor { get; set; }

    /// <summary>Unix time in nanoseconds: orders events and resumes a broken stream with <c>since</c>.</summary>
    [JsonPropertyName("timeNano")]
    public long TimeNano { get; set; }

    public string? Attribute(string name) =>
        Actor?.Attributes is { } attributes && attributes.TryGetValue(name, out var value) ? value : null;
}

public sealed class EngineEventActor
{
    public string? ID { get; set; }

    /// <summary>name, image, labels; <c>exitCode</c> on die; <c>signal</c> on kill (Docker only).</summary>
    public Dictionary<string, string>? Attributes { get; set; }
}
