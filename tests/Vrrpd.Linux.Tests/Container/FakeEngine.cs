using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Vrrpd.Linux.Tests.Container;

/// <summary>
/// A Docker-like engine for tests: HTTP/1.1 on a Unix socket, hand-rolled. It enforces its API version range
/// the way Docker does (400 "client version X is too new/old"), answers /_ping, /version, inspect (404 for an
/// unknown container) and an endless chunked /events stream that a test feeds, stalls or closes.
/// </summary>
internal sealed class FakeEngine : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Channel<string?>, bool> _eventStreams = new();
    private readonly string _maximum;
    private readonly string _minimum;
    private int _eventConnections;

    public FakeEngine(string maximum = "1.41", string minimum = "1.24", string? socketPath = null)
    {
        _maximum = maximum;
        _minimum = minimum;
        SocketPath = socketPath ?? Path.Combine(Path.GetTempPath(), $"vrrpd-fake-engine-{Guid.NewGuid():N}.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(16);
        _ = Task.Run(AcceptAsync);
    }

    public string SocketPath { get; }

    /// <summary>Request targets in arrival order ("/v1.41/containers/web/json").</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Container name → inspect JSON.</summary>
    public ConcurrentDictionary<string, string> Containers { get; } = new();

    /// <summary>New /events connections get headers and then silence, as a hung engine would.</summary>
    public bool StallEvents { get; set; }

    public int EventConnections => Volatile.Read(ref _eventConnections);

    /// <summary>How long /_ping takes to answer.</summary>
    public TimeSpan PingDelay { get; set; }

    /// <summary>How long /version takes to answer (Podman's runs package-database queries: seconds).</summary>
    public TimeSpan VersionDelay { get; set; }

    /// <summary>An engine too old to send Api-Version on /_ping: clients must read /version.</summary>
    public bool PingWithoutApiVersion { get; set; }

    /// <summary>Sends one event line to every open (non-stalled) /events stream.</summary>
    public void Emit(string json)
    {
        foreach (var stream in _eventStreams.Keys)
            stream.Writer.TryWrite(json);
    }

    /// <summary>Ends every open /events stream cleanly (final chunk), as an engine restart would.</summary>
    public void CloseEventStreams()
    {
        foreach (var stream in _eventStreams.Keys)
            stream.Writer.TryWrite(null);
    }

    public async Task WaitForEventConnectionsAsync(int count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (EventConnections < count || _eventStreams.Count == 0 && !StallEvents)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{EventConnections} event connections, expected {count}");
            await Task.Delay(5);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            while (await ReadRequestTargetAsync(stream) is { } target)
            {
                Requests.Enqueue(target);
                if (!TryStripVersion(target, out var path, out var refusal))
                {
                    await RespondAsync(stream, 400, "Bad Request", refusal);
                    continue;
                }
                if (path.StartsWith("/events", StringComparison.Ordinal))
                {
                    await StreamEventsAsync(stream);
                    return;
                }
                await RouteAsync(stream, path);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
        }
    }

    private async Task RouteAsync(NetworkStream stream, string path)
    {
        if (path == "/_ping")
        {
            await Task.Delay(PingDelay);
            await RespondAsync(stream, 200, "OK", "OK", PingWithoutApiVersion ? "" : $"Api-Version: {_maximum}\r\n", "text/plain");
            return;
        }
        if (path == "/version")
        {
            await Task.Delay(VersionDelay);
            await RespondAsync(stream, 200, "OK", $$"""{"Version":"fake","ApiVersion":"{{_maximum}}","MinAPIVersion":"{{_minimum}}"}""");
            return;
        }
        const string prefix = "/containers/";
        if (path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith("/json", StringComparison.Ordinal))
        {
            var name = Uri.UnescapeDataString(path[prefix.Length..^"/json".Length]);
            if (Containers.TryGetValue(name, out var json))
                await RespondAsync(stream, 200, "OK", json);
            else
                await RespondAsync(stream, 404, "Not Found", $$"""{"message":"No such container: {{name}}"}""");
            return;
        }
        await RespondAsync(stream, 404, "Not Found", """{"message":"page not found"}""");
    }

    /// <summary>Docker's version middleware: /vX.Y/ outside [minimum, maximum] is a 400.</summary>
    private bool TryStripVersion(string target, out string path, out string refusal)
    {
        path = target;
        refusal = "";
        if (target.Length < 3 || !target.StartsWith("/v", StringComparison.Ordinal) || !char.IsAsciiDigit(target[2]))
            return true;
        var slash = target.IndexOf('/', 2);
        var requested = Version.Parse(target[2..slash]);
        path = target[slash..];
        if (requested > Version.Parse(_maximum))
            refusal = $$"""{"message":"client version {{requested}} is too new. Maximum supported API version is {{_maximum}}"}""";
        else if (requested < Version.Parse(_minimum))
            refusal = $$"""{"message":"client version {{requested}} is too old. Minimum supported API version is {{_minimum}}, please upgrade your client to a newer version"}""";
        return refusal.Length == 0;
    }

    private async Task StreamEventsAsync(NetworkStream stream)
    {
        Interlocked.Increment(ref _eventConnections);
        await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        if (StallEvents)
        {
            await Task.Delay(Timeout.Infinite, _stop.Token);
            return;
        }
        var events = Channel.CreateUnbounded<string?>();
        _eventStreams[events] = true;
        try
        {
            await foreach (var line in events.Reader.ReadAllAsync(_stop.Token))
            {
                if (line is null)
                {
                    await WriteAsync(stream, "0\r\n\r\n");
                    return;
                }
                var data = Encoding.UTF8.GetBytes(line + "\n");
                await WriteAsync(stream, $"{data.Length:x}\r\n{line}\n\r\n");
            }
        }
        finally
        {
            _eventStreams.TryRemove(events, out _);
        }
    }

    private static async Task RespondAsync(NetworkStream stream, int code, string reason, string body, string extraHeaders = "", string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetByteCount(body);
        await WriteAsync(stream,
            $"HTTP/1.1 {code} {reason}\r\nContent-Type: {contentType}\r\n{extraHeaders}Content-Length: {bytes}\r\n\r\n{body}");
    }

    private static async Task WriteAsync(NetworkStream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await stream.FlushAsync();
    }

    /// <summary>Reads one request head (GET only, no body) and returns its target, or null at end of stream.</summary>
    private static async Task<string?> ReadRequestTargetAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
                return null;
            head.Append((char)one[0]);
        }
        return head.ToString().Split(' ')[1];
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        File.Delete(SocketPath);
    }
}
