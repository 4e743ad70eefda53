using System.Text.Json.Serialization;

namespace Vrrpd.Status;

/// <summary>Source-generated (AOT-safe) JSON for the status contract: camelCase, as documented.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusReport))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
