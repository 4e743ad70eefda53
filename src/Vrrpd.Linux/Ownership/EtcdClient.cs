using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Vrrpd.Linux.Ownership;

/// <summary>
/// etcd's v3 API through its JSON gateway (<c>POST /v3/...</c> on the client URL, served by etcd 3.4 and later)
/// over HttpClient: the few calls an ownership claim needs, no gRPC stack (docs/dependencies.md).
/// <para>
/// Every call tries the members in turn, starting with the one that answered last, each attempt bounded by the
/// request timeout, until one answers; a member that cannot serve the request (no answer, no leader, timed out)
/// sends the call on to the next. Answers are read up to <see cref="EtcdClientOptions.MaxResponseBytes"/>
/// (docs/design/ownership.md §5).
/// </para>
/// </summary>
public sealed partial class EtcdClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly EtcdClientOptions _options;
    private int _current;

    public EtcdClient(EtcdClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Endpoints.Count == 0)
        {
            throw new ArgumentException("no etcd endpoint", nameof(options));
        }

        _options = options;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = options.RequestTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            // A member replaced behind the same name is found again within a minute.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        };
        if (options.Connect is { } connect)
        {
            handler.ConnectCallback = connect;
        }

        _http = new HttpClient(handler)
        {
            Timeout = Timeout.InfiniteTimeSpan,   // per attempt, below; a watch never ends
            MaxResponseContentBufferSize = options.MaxResponseBytes,
        };
    }

    public IReadOnlyList<Uri> Endpoints => _options.Endpoints;

    /// <summary>The member tried first by the next call: the last one that answered.</summary>
    public Uri CurrentEndpoint => _options.Endpoints[Volatile.Read(ref _current) % _options.Endpoints.Count];

    public void Dispose() => _http.Dispose();

    /// <summary>One unary call with failover: the first member's answer, or the last member's failure.</summary>
    private async Task<TResponse> CallAsync<TRequest, TResponse>(
        string path,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        EtcdException? last = null;
        int start = Volatile.Read(ref _current);
        for (int attempt = 0; attempt < _options.Endpoints.Count; attempt++)
        {
            int index = (start + attempt) % _options.Endpoints.Count;
            Uri endpoint = _options.Endpoints[index];
            try
            {
                TResponse response = await PostOnceAsync(endpoint, path, body, responseType, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _current, index);
                return response;
            }
            catch (EtcdException e) when (!e.Answered && !cancellationToken.IsCancellationRequested)
            {
                last = e;
            }
            catch (EtcdException e) when (e.Answered)
            {
                Volatile.Write(ref _current, index);
                throw;
            }
        }

        // Next time, start after the member that failed first.
        Volatile.Write(ref _current, (start + 1) % _options.Endpoints.Count);
        throw last!;
    }

    private async Task<TResponse> PostOnceAsync<TResponse>(Uri endpoint, string path, byte[] body, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        string where = $"{endpoint}{path.TrimStart('/')}";
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path)) { Content = new ByteArrayContent(body) };
            message.Content.Headers.ContentType = Json;
            using HttpResponseMessage response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            byte[] answer = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw ErrorFrom(where, response.StatusCode, answer);
            }

            return JsonSerializer.Deserialize(answer, responseType)
                ?? throw new EtcdException($"{where}: empty answer", null, answered: false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EtcdException($"{where}: no answer within {_options.RequestTimeout.TotalMilliseconds:0} ms", null, answered: false);
        }
        catch (HttpRequestException e)
        {
            // Connection refused, reset, or an answer longer than MaxResponseBytes.
            throw new EtcdException($"{where}: {e.Message}", null, answered: false, e);
        }
        catch (JsonException e)
        {
            throw new EtcdException($"{where}: not an etcd answer ({e.Message})", null, answered: false, e);
        }
    }

    /// <summary>The gateway's error body. NOT_FOUND, INVALID_ARGUMENT, FAILED_PRECONDITION and PERMISSION_DENIED are
    /// definite; anything else (UNAVAILABLE "no leader", DEADLINE_EXCEEDED "request timed out", a proxy's 502) is
    /// worth the next member.</summary>
    private static EtcdException ErrorFrom(string where, HttpStatusCode status, byte[] answer)
    {
        GatewayError? error = null;
        try
        {
            error = JsonSerializer.Deserialize(answer, EtcdJsonContext.Default.GatewayError);
        }
        catch (JsonException)
        {
        }

        string text = error?.Error ?? error?.Message ?? Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(answer.Length, 200)));
        int? code = error?.Code;
        bool definite = code is 3 or 5 or 7 or 9;
        return new EtcdException($"{where}: HTTP {(int)status}: {text}", code, definite);
    }
}
