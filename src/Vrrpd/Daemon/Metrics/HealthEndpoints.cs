using System.Text.Json;
using Vrrpd.StateMachine;
using Vrrpd.Status;

namespace Vrrpd.Daemon.Metrics;

/// <summary>
/// The read-only health endpoints on the <c>metrics_listen</c> listener, for load balancers and orchestrators
/// (README, "Health endpoints"):
/// <list type="bullet">
/// <item><c>GET /healthz</c>: 200 while the event loop answers, 503 when it is stalled (a liveness probe).</item>
/// <item><c>GET /v1/instances/NAME</c>: the instance's role as JSON; 200 only while it is Master, 503 otherwise, so
/// that nginx, HAProxy or a cloud load balancer sends traffic to whichever host holds the VIP; 404 for no such
/// instance.</item>
/// <item><c>GET /v1/instances</c>: every instance's role (200).</item>
/// </list>
/// Roles come from the snapshot the loop publishes (<see cref="InstanceRoles"/>), so polling them costs the loop
/// nothing. Pure: the listener supplies the snapshot and the loop's liveness.
/// </summary>
internal sealed class HealthEndpoints(Func<InstanceRoles> roles, Func<bool> loopAnswers)
{
    private const string Json = "application/json; charset=utf-8";
    private const string InstancesPrefix = "/v1/instances/";

    /// <summary>The answer for <paramref name="path"/>, or null when it is none of these endpoints.</summary>
    public HttpAnswer? Answer(string path)
    {
        if (path == "/healthz")
        {
            bool alive = loopAnswers();
            return new HttpAnswer(alive ? 200 : 503, Json,
                Serialize(new HealthReply { Status = alive ? "healthy" : "stalled" }, HealthJsonContext.Default.HealthReply));
        }

        if (path is "/v1/instances" or "/v1/instances/")
        {
            var all = roles();
            return new HttpAnswer(200, Json, Serialize(new InstanceRolesReply { Instances = [.. all.Instances.Select(Reply)] },
                HealthJsonContext.Default.InstanceRolesReply));
        }

        if (path.StartsWith(InstancesPrefix, StringComparison.Ordinal))
        {
            string name = Uri.UnescapeDataString(path[InstancesPrefix.Length..]);
            if (roles().Find(name) is not { } role)
            {
                return new HttpAnswer(404, Json, Serialize(new HealthReply { Status = "unknown", Error = $"no instance {name}" },
                    HealthJsonContext.Default.HealthReply));
            }

            return new HttpAnswer(role.State == VrrpState.Master ? 200 : 503, Json,
                Serialize(Reply(role), HealthJsonContext.Default.InstanceRoleReply));
        }

        return null;
    }

    private static InstanceRoleReply Reply(InstanceRole role) => new()
    {
        Instance = role.Name,
        Vrid = role.Vrid,
        Interface = role.Interface,
        Role = role.State.ToString().ToLowerInvariant(),
        Status = role.State == VrrpState.Fault ? "fault" : "healthy",
        Priority = role.EffectivePriority,
        Master = role.MasterAddress,
        Since = role.Since,
    };

    private static string Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Serialize(value, type) + "\n";
}
