using System.Text.Json.Serialization;

namespace Vrrpd.Daemon.Metrics;

/// <summary><c>/healthz</c> (and an unknown instance): the daemon's state in one word.</summary>
internal sealed class HealthReply
{
    public required string Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}

/// <summary><c>/v1/instances/NAME</c>: one instance's role.</summary>
internal sealed class InstanceRoleReply
{
    public required string Instance { get; init; }
    public required int Vrid { get; init; }
    public required string Interface { get; init; }

    /// <summary>master, backup, fault or initialize.</summary>
    public required string Role { get; init; }

    /// <summary>healthy, or fault while the instance is in Fault.</summary>
    public required string Status { get; init; }

    /// <summary>The effective priority when the role was published.</summary>
    public required int Priority { get; init; }

    /// <summary>The Master as seen from this host (its own address when Master).</summary>
    public string? Master { get; init; }

    /// <summary>When the instance entered this role.</summary>
    public DateTimeOffset? Since { get; init; }
}

/// <summary><c>/v1/instances</c>: every instance's role.</summary>
internal sealed class InstanceRolesReply
{
    public required IReadOnlyList<InstanceRoleReply> Instances { get; init; }
}
