using System.Net;
using System.Net.Sockets;
using System.Text;
using Vrrpd.Logging;

namespace Vrrpd.Daemon.Metrics;

/// <summary>
/// <c>metrics_listen ADDR:PORT</c>: Prometheus text exposition at <c>/metrics</c> and the health endpoints
/// (<see cref="HealthEndpoints"/>), served by the framework's HttpListener (no HTTP parsing of our own). One request
/// at a time is plenty for a scraper every few seconds and a load balancer's probe every second or so.
/// </summary>
internal sealed class MetricsServer : IDisposable
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";
    private const string Endpoints = "/metrics (Prometheus), /healthz, /v1/instances, /v1/instances/NAME (200 when Master)\n";

    private readonly HttpListener _listener;
    private readonly Func<string> _render;
    private readonly HealthEndpoints _health;
    private readonly Log _log;
    private readonly Task _serving;

    private MetricsServer(HttpListener listener, Func<string> render, HealthEndpoints health, Log log)
    {
        _listener = listener;
        _render = render;
        _health = health;
        _log = log;
        _serving = Task.Run(ServeAsync);
    }

    public static MetricsServer Start(IPEndPoint endpoint, Func<string> render, HealthEndpoints health, Log log)
    {
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://{Host(endpoint.Address)}:{endpoint.Port}/");
        listener.Start();   // HttpListenerException (address in use, not local) goes to the caller
        log.Info($"serving Prometheus metrics on http://{Host(endpoint.Address)}:{endpoint.Port}/metrics");
        return new MetricsServer(listener, render, health, log);
    }

    /// <summary>The prefix host: "+" for the any-address (HttpListener's wildcard), brackets for IPv6.</summary>
    private static string Host(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "+"
        : address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                Answer(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                _log.Debug($"metrics request from {context.Request.RemoteEndPoint}: {e.Message}");
            }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        using var response = context.Response;
        var path = context.Request.Url?.AbsolutePath;
        if (context.Request.HttpMethod is not ("GET" or "HEAD"))
        {
            response.StatusCode = 405;
            return;
        }
        string body;
        if (path == "/metrics")
        {
            response.ContentType = ContentType;
            body = _render();
        }
        else if (path is not null && _health.Answer(path) is { } answer)
        {
            response.StatusCode = answer.Status;
            response.ContentType = answer.ContentType;
            body = answer.Body;
        }
        else
        {
            response.StatusCode = path == "/" ? 200 : 404;
            response.ContentType = "text/plain; charset=utf-8";
            body = (path == "/" ? "vrrpd: " : "not found; vrrpd serves ") + Endpoints;
        }
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        if (context.Request.HttpMethod == "GET") response.OutputStream.Write(bytes);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _serving.Wait(TimeSpan.FromSeconds(1)); } catch (AggregateException) { }
    }
}
