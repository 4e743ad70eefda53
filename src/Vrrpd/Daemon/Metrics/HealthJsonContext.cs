using System.Text.Json.Serialization;

namespace Vrrpd.Daemon.Metrics;

/// <summary>Source-generated (AOT-safe) JSON for the health endpoints: camelCase, one line.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HealthReply))]
[JsonSerializable(typeof(InstanceRoleReply))]
[JsonSerializable(typeof(InstanceRolesReply))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
