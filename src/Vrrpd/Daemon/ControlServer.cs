using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Vrrpd.Daemon.Control;
using Vrrpd.Logging;
using Vrrpd.Status;

namespace Vrrpd.Daemon;

/// <summary>
/// The control socket: a unix stream socket on which a client writes one request line and reads one reply. A
/// request is a <see cref="ControlRequest"/> as JSON (the bare line <c>status</c> too); status answers the JSON of
/// <see cref="StatusReport"/>, every other request a <see cref="ControlReply"/>. The file is mode 0600 (root), or
/// 0660 and owned by <c>control_socket_group</c>; requests that change the daemon are checked once more against the
/// caller's SO_PEERCRED credentials (<see cref="ControlAccess"/>).
/// </summary>
/// <remarks>Bounded (docs/input-limits.md): a request line of at most <see cref="MaxRequestBytes"/>, at most
/// <see cref="MaxClients"/> clients at once, and <see cref="IdleTimeout"/> to send the whole line. Every request is
/// one line and one reply (`events --follow` asks once for the events file and then reads that file), so no client
/// is meant to stay connected.</remarks>
internal sealed class ControlServer : IDisposable
{
    /// <summary>The longest request line; the longest real request (a reload, an instance name) is under 1 KiB.</summary>
    internal const int MaxRequestBytes = 64 * 1024;

    /// <summary>Clients served at once; one more gets a "busy" reply and is closed.</summary>
    internal const int MaxClients = 32;

    /// <summary>How long a client may take to send its whole request line after it connected.</summary>
    internal static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long writing the reply may take (a client that does not read).</summary>
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _listener;
    private int _clients;
    private readonly string _path;
    private readonly IControlHandler _handler;
    private readonly ControlAccess _access;
    private readonly Log _log;
    private readonly CancellationTokenSource _stop = new();
    private Task? _accepting;

    private ControlServer(Socket listener, string path, IControlHandler handler, ControlAccess access, Log log)
    {
        _listener = listener;
        _path = path;
        _handler = handler;
        _access = access;
        _log = log;
    }

    /// <summary>Binds the socket; a stale socket file (no daemon answering) is replaced, a live one is an error.</summary>
    public static ControlServer Start(string path, IControlHandler handler, string? group, Log log)
    {
        uint? gid = null;
        if (group is not null)
            gid = Interop.Libc.GroupId(group) ?? throw new InvalidOperationException($"control_socket_group {group}: no such group");
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
            if (gid is { } groupId)
            {
                if (Interop.Libc.chown(path, uint.MaxValue, groupId) != 0)
                    throw new IOException($"chown {path} to group {group}: {Marshal.GetLastPInvokeErrorMessage()}");
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            }
            else
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        var server = new ControlServer(listener, path, handler, new ControlAccess(group, gid), log);
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
            if (Interlocked.Increment(ref _clients) > MaxClients)
            {
                Interlocked.Decrement(ref _clients);
                _ = RefuseAsync(client, $"busy: {MaxClients} clients are connected; try again");
                continue;
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
            string reply;
            using (var idle = new CancellationTokenSource(IdleTimeout))
            {
                var line = await ReadRequestAsync(stream, idle.Token).ConfigureAwait(false);
                reply = line is null
                    ? Reply(ControlReply.Failed($"request longer than {MaxRequestBytes} bytes; closed"))
                    : Answer(line.Trim(), client);
            }
            using var write = new CancellationTokenSource(WriteTimeout);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(reply + "\n"), write.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            _log.Debug($"control client: {e.Message}");
        }
        finally
        {
            Interlocked.Decrement(ref _clients);
        }
    }

    /// <summary>The request line without its newline (the end of the stream ends it too), or null when it is longer
    /// than <see cref="MaxRequestBytes"/>: at most that much is ever buffered for one client.</summary>
    private static async Task<string?> ReadRequestAsync(NetworkStream stream, CancellationToken cancel)
    {
        var buffer = new byte[MaxRequestBytes + 1];
        int length = 0;
        while (length < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(length), cancel).ConfigureAwait(false);
            if (n == 0) break;
            int newline = Array.IndexOf(buffer, (byte)'\n', length, n);
            if (newline >= 0) return Encoding.UTF8.GetString(buffer, 0, newline);
            length += n;
        }
        return length > MaxRequestBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static async Task RefuseAsync(Socket client, string message)
    {
        using var _ = client;
        try
        {
            await using var stream = new NetworkStream(client, ownsSocket: false);
            using var write = new CancellationTokenSource(WriteTimeout);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(Reply(ControlReply.Failed(message)) + "\n"), write.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The refused client went away first: nothing to tell it.
        }
    }

    private string Answer(string line, Socket client)
    {
        var request = ControlRequest.Parse(line);
        if (request is null) return Reply(ControlReply.Failed($"unknown request '{line}'"));
        if (request.Command == ControlRequest.Status)
            return JsonSerializer.Serialize(_handler.Status(), StatusJsonContext.Default.StatusReport);

        var peer = PeerCredentials.Read(client);
        if (_access.Refusal(request, peer) is { } refusal)
        {
            _log.Warning($"refused '{request.Command}' from pid {peer.Pid} uid {peer.Uid}: {refusal}");
            return Reply(ControlReply.Failed(refusal));
        }
        return Reply(_handler.Handle(request, peer));
    }

    private static string Reply(ControlReply reply) => JsonSerializer.Serialize(reply, ControlJsonContext.Default.ControlReply);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try { _accepting?.Wait(TimeSpan.FromSeconds(1)); } catch (AggregateException) { }
        try { File.Delete(_path); } catch (IOException) { }
        _stop.Dispose();
    }
}
