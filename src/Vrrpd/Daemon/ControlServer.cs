using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Vrrpd.Logging;
using Vrrpd.Status;

namespace Vrrpd.Daemon;

/// <summary>
/// The control socket: a unix stream socket (mode 0600) on which a client writes one request line and reads one
/// reply. Requests: <c>status</c> (the JSON of <see cref="StatusReport"/>). Only root (or whoever owns the socket)
/// can connect, because the file mode says so.
/// </summary>
internal sealed class ControlServer : IDisposable
{
    private readonly Socket _listener;
    private readonly string _path;
    private readonly Func<StatusReport> _status;
    private readonly Log _log;
    private readonly CancellationTokenSource _stop = new();
    private Task? _accepting;

    private ControlServer(Socket listener, string path, Func<StatusReport> status, Log log)
    {
        _listener = listener;
        _path = path;
        _status = status;
        _log = log;
    }

    /// <summary>Binds the socket; a stale socket file (no daemon answering) is replaced, a live one is an error.</summary>
    public static ControlServer Start(string path, Func<StatusReport> status, Log log)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path))
        {
            if (ControlClient.IsAnswering(path))
                throw new InvalidOperationException($"another vrrpd answers on {path}");
            File.Delete(path);
        }
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        var server = new ControlServer(listener, path, status, log);
        server._accepting = server.AcceptLoopAsync();
        return server;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var _ = client;
        try
        {
            await using var stream = new NetworkStream(client, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var request = (await reader.ReadLineAsync(timeout.Token).ConfigureAwait(false))?.Trim();
            var reply = request switch
            {
                "status" => JsonSerializer.Serialize(_status(), StatusJsonContext.Default.StatusReport),
                _ => $"{{\"error\":\"unknown request\"}}",
            };
            var bytes = Encoding.UTF8.GetBytes(reply + "\n");
            await stream.WriteAsync(bytes, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            _log.Debug($"control client: {e.Message}");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try { _accepting?.Wait(TimeSpan.FromSeconds(1)); } catch (AggregateException) { }
        try { File.Delete(_path); } catch (IOException) { }
        _stop.Dispose();
    }
}
