using System.Text.Json.Serialization;

namespace Vrrpd.Linux.Health.Container;

/// <summary>Source-generated (AOT-safe) JSON for the engine API. Case-insensitive: the API is PascalCase with
/// exceptions (<c>timeNano</c>, <c>OOMKilled</c>, Podman's lower-case error fields).</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ContainerInspect))]
[JsonSerializable(typeof(EngineEvent))]
[JsonSerializable(typeof(EngineVersionInfo))]
[JsonSerializable(typeof(EngineErrorBody))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
