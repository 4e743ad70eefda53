using System.Text.Json.Serialization;

namespace Vrrpd.Status;

/// <summary>Source-generated JSON for the failover report: one compact object per line, camelCase.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FailoverEvent))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
