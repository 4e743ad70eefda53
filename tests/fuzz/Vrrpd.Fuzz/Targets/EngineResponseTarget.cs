using System.Text.Json;
using Vrrpd.Configuration;
using Vrrpd.Linux.Health.Container;
using static Vrrpd.Fuzz.InvariantBrokenException;

namespace Vrrpd.Fuzz.Targets;

/// <summary>
/// What the container tracker reads from an engine's API (docs/design/container-health.md): an inspect body and
/// the verdict on it (<see cref="ContainerVerdict.Judge"/>), an event line and its meaning
/// (<see cref="ContainerEventMeaning"/>), a <c>/version</c> body and an <c>Api-Version</c> header
/// (<see cref="EngineApiVersion.TryParse"/>), an error body. Byte 0 picks which; the rest is the engine's answer.
/// Promises: only <see cref="JsonException"/> escapes the JSON readers (EngineClient and ContainerEventStream catch
/// it), and nothing else throws; a verdict always has a reason.
/// </summary>
internal sealed class EngineResponseTarget : IFuzzTarget
{
    private const string Container = "inference";

    public string Name => "engine";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < 1)
            return;
        ReadOnlySpan<byte> body = input[1..];
        try
        {
            switch (input[0] % 5)
            {
                case 0:
                    Inspect(body, (ContainerRequirement)(input[0] / 5 % 3));
                    break;
                case 1:
                    Event(body);
                    break;
                case 2:
                    var info = JsonSerializer.Deserialize(body, EngineJsonContext.Default.EngineVersionInfo);
                    Version(info?.ApiVersion);
                    Version(info?.MinAPIVersion);
                    break;
                case 3:
                    Version(System.Text.Encoding.UTF8.GetString(body));
                    break;
                default:
                    _ = JsonSerializer.Deserialize(body, EngineJsonContext.Default.EngineErrorBody)?.Message;
                    break;
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: EngineClient turns it into an EngineException with the message, the event stream
            // skips the line (both catch exactly this type).
        }
    }

    private static void Inspect(ReadOnlySpan<byte> body, ContainerRequirement require)
    {
        ContainerInspect? inspect = JsonSerializer.Deserialize(body, EngineJsonContext.Default.ContainerInspect);
        if (inspect is null)
            return;   // EngineClient: "answered null"
        var result = ContainerVerdict.Judge(Container, inspect, require);
        ThrowUnless(!string.IsNullOrEmpty(result.Reason), "a container verdict without a reason");
    }

    private static void Event(ReadOnlySpan<byte> line)
    {
        EngineEvent? message = JsonSerializer.Deserialize(line, EngineJsonContext.Default.EngineEvent);
        if (message is null)
            return;
        ContainerEventKind kind = ContainerEventMeaning.Classify(message);
        ThrowUnless(Enum.IsDefined(kind), $"event classified as {(int)kind}");
        ThrowUnless(ContainerEventMeaning.Describe(Container, message).Length > 0, "an event described as nothing");
    }

    private static void Version(string? text)
    {
        if (!EngineApiVersion.TryParse(text, out EngineApiVersion version))
            return;
        ThrowUnless(EngineApiVersion.TryParse(version.ToString(), out EngineApiVersion again) && again == version,
            $"API version '{text}' parsed as {version}, which does not parse back to itself");
        _ = EngineApiVersion.Min(EngineApiVersion.ClientMaximum, version);
    }
}
