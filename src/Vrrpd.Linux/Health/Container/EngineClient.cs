using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Vrrpd.Linux.Health.Container;

/// <summary>
/// The Docker Engine API (Docker or Podman's compatible service) over its Unix socket: plain HTTP/1.1, any Host
/// header (docs/design/container-health.md §1). The API version is negotiated once per engine as Docker's own client does, then every path
/// is pinned to it (<c>/v1.41/…</c>); a refused version or a lost engine makes the next call negotiate again.
/// Calls carry their own cancellation: the client has no overall timeout because <c>/events</c> never ends.
/// </summary>
public sealed partial class EngineClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly EngineApiVersion _clientMaximum;
    private EngineApiVersion? _version;

    public EngineClient(string socketPath)
        : this(socketPath, EngineApiVersion.ClientMaximum)
    {
    }

    public EngineClient(string socketPath, EngineApiVersion clientMaximum)
    {
        SocketPath = socketPath;
        _clientMaximum = clientMaximum;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = ConnectAsync,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri("http://engine/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public string SocketPath { get; }

    /// <summary>The version in use, or null before the first call (or after the engine went away).</summary>
    public EngineApiVersion? NegotiatedVersion => _version;

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException e) when (!File.Exists(SocketPath))
        {
            // .NET reports ENOENT on a Unix socket connect as "Cannot assign requested address".
            socket.Dispose();
            throw new SocketMissingException(e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class SocketMissingException(Exception inner) : IOException("No such file or directory", inner);

    /// <summary>
    /// How long one negotiation may take, whoever waits for it. It is not the poll's timeout: Podman answers
    /// <c>/version</c> in 1.2-4.6 s on a loaded host (it queries the package database), and a negotiation
    /// cancelled with every poll never finishes, so the first check never succeeds.
    /// </summary>
    public static readonly TimeSpan NegotiationBudget = TimeSpan.FromSeconds(30);

    // The engine's maximum API version by socket path, shared by every client of that engine (one per tracker):
    // negotiated once per engine, forgotten when the engine is lost or refuses the version.
    private static readonly ConcurrentDictionary<string, EngineApiVersion> EngineMaximums = new(StringComparer.Ordinal);

    private readonly Lock _negotiationGate = new();
    private Task<EngineApiVersion>? _negotiation;

    /// <summary>
    /// The API version to speak: min(client maximum, engine maximum), as Docker's own client negotiates it
    /// (client.go negotiateAPIVersion): the engine's maximum from the <c>Api-Version</c> header of the unversioned
    /// <c>/_ping</c>; <c>/version</c> only when that header is missing (then its <c>MinAPIVersion</c> is checked too).
    /// An engine whose minimum is above what vrrpd speaks answers the first call with its own 400, which names both.
    /// One negotiation runs at a time, under <see cref="NegotiationBudget"/>: a caller that gives up (its poll timed
    /// out) leaves it running for the next one.
    /// </summary>
    public async Task<EngineApiVersion> NegotiateAsync(CancellationToken cancellationToken)
    {
        if (_version is { } known)
            return known;
        if (EngineMaximums.TryGetValue(SocketPath, out var shared))
        {
            var chosen = EngineApiVersion.Min(_clientMaximum, shared);
            _version = chosen;
            return chosen;
        }

        Task<EngineApiVersion> negotiation;
        lock (_negotiationGate)
            negotiation = _negotiation ??= NegotiateOnceAsync();
        return await negotiation.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<EngineApiVersion> NegotiateOnceAsync()
    {
        try
        {
            using var budget = new CancellationTokenSource(NegotiationBudget);
            var engineMaximum = await AskEngineMaximumAsync(budget.Token).ConfigureAwait(false);
            EngineMaximums[SocketPath] = engineMaximum;
            var chosen = EngineApiVersion.Min(_clientMaximum, engineMaximum);
            _version = chosen;
            return chosen;
        }
        finally
        {
            lock (_negotiationGate)
                _negotiation = null;
        }
    }

    private async Task<EngineApiVersion> AskEngineMaximumAsync(CancellationToken cancellationToken)
    {
        using (var ping = await SendAsync("_ping", HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false))
        {
            if (ping.Headers.TryGetValues("Api-Version", out var values)
                && EngineApiVersion.TryParse(values.FirstOrDefault(), out var fromPing))
                return fromPing;
        }

        using var versionResponse = await SendAsync("version", HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (!versionResponse.IsSuccessStatusCode)
            return EngineApiVersion.Floor;
        var info = await ReadJsonAsync(versionResponse, EngineJsonContext.Default.EngineVersionInfo, cancellationToken).ConfigureAwait(false);
        if (EngineApiVersion.TryParse(info?.MinAPIVersion, out var minimum) && _clientMaximum < minimum)
            throw new EngineException(
                $"engine {SocketPath} accepts API {minimum} and newer only; vrrpd speaks up to {_clientMaximum}");
        return EngineApiVersion.TryParse(info?.ApiVersion, out var fromVersion) ? fromVersion : EngineApiVersion.Floor;
    }

    /// <summary>The negotiated version no longer holds (engine lost, version refused): negotiate again next call.</summary>
    private void ForgetVersion()
    {
        _version = null;
        EngineMaximums.TryRemove(SocketPath, out _);
    }

    private async Task<HttpResponseMessage> SendAsync(string relativePath, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, relativePath);
            return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            ForgetVersion();
            throw new EngineUnreachableException(SocketPath, Describe(e), e);
        }
    }

    /// <summary>"Connection refused", "No such file or directory": the socket error, not HttpClient's wrapper text.</summary>
    private static string Describe(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketMissingException or SocketException)
                return inner.Message;
        }
        return e.InnerException?.Message ?? e.Message;
    }

    private static async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Throws for an answer that is neither success nor an expected status, with the engine's message.
    /// A 400 "client version … is too new/old" drops the negotiated version, so the next call negotiates again.</summary>
    private async Task<EngineException> ErrorAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        string? message = null;
        try
        {
            message = (await ReadJsonAsync(response, EngineJsonContext.Default.EngineErrorBody, cancellationToken).ConfigureAwait(false))?.Message;
        }
        catch (JsonException)
        {
        }
        if (response.StatusCode == HttpStatusCode.BadRequest)
            ForgetVersion();
        return new EngineException(
            $"engine {SocketPath}: {what} answered {(int)response.StatusCode} {response.ReasonPhrase}{(message is null ? "" : ": " + message)}");
    }

    public void Dispose() => _http.Dispose();
}
