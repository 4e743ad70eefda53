using System.Net;
using Vrrpd.Health;

namespace Vrrpd.Linux.Health.Container;

/// <summary>
/// <c>http_get URL</c>, with Kubernetes' httpGet rule (pkg/probe/http/http.go, docs/design/container-health.md §8): alive when
/// 200 ≤ status &lt; 400; a refused connection or a timeout is a failure; the body is ignored; TLS certificates
/// are not verified (a liveness probe asks "does it answer", not "is it who it says"); redirects are not
/// followed (a 3xx already counts as alive).
/// </summary>
public sealed class HttpLivenessCheck : IDisposable
{
    private readonly HttpClient _http;

    public HttpLivenessCheck(Uri url)
    {
        Url = url;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("vrrpd-container-tracker");
    }

    public Uri Url { get; }

    /// <summary>One GET, cancelled by <paramref name="cancellationToken"/> (the tracker's timeout).</summary>
    public async Task<CheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 400
                ? CheckResult.Healthy($"{Url} answered {code}")
                : CheckResult.Unhealthy($"{Url} answered {code} {response.ReasonPhrase}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CheckResult.Unhealthy($"{Url} did not answer in time");
        }
        catch (HttpRequestException e)
        {
            return CheckResult.Unhealthy($"{Url} failed: {(e.InnerException ?? e).Message}");
        }
    }

    public void Dispose() => _http.Dispose();
}
