using System.Net;
using System.Text.Json;

namespace Vrrpd.Linux.Health.Container;

public sealed partial class EngineClient
{
    /// <summary>
    /// <c>GET /vX.Y/containers/{name}/json</c>: <paramref name="container"/> is a name, a full ID or a unique ID
    /// prefix. Null when the engine answers 404 (no such container).
    /// </summary>
    public async Task<ContainerInspect?> InspectContainerAsync(string container, CancellationToken cancellationToken)
    {
        var version = await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(
            $"v{version}/containers/{Uri.EscapeDataString(container)}/json", HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        if (!response.IsSuccessStatusCode)
            throw await ErrorAsync(response, $"inspect {container}", cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadJsonAsync(response, EngineJsonContext.Default.ContainerInspect, cancellationToken).ConfigureAwait(false)
                ?? throw new EngineException($"engine {SocketPath}: inspect {container} answered null");
        }
        catch (JsonException e)
        {
            throw new EngineException($"engine {SocketPath}: inspect {container} answered malformed JSON: {e.Message}", e);
        }
        catch (IOException e)
        {
            ForgetVersion();
            throw new EngineUnreachableException(SocketPath, $"connection lost: {e.Message}", e);
        }
    }
}
