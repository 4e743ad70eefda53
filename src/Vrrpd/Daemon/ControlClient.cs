using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Vrrpd.Status;

namespace Vrrpd.Daemon;

/// <summary>The client side of the control socket, used by `vrrpd status` and friends.</summary>
internal static class ControlClient
{
    /// <summary>The longest reply read: a status of hundreds of instances is well under 1 MiB.</summary>
    internal const int MaxReplyBytes = 16 * 1024 * 1024;

    /// <summary>Sends one request line and returns the reply; throws SocketException when nothing listens.</summary>
    public static string Request(string path, string request, TimeSpan timeout)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        socket.SendTimeout = (int)timeout.TotalMilliseconds;
        socket.Connect(new UnixDomainSocketEndPoint(path));
        using var stream = new NetworkStream(socket, ownsSocket: false);
        stream.Write(Encoding.UTF8.GetBytes(request + "\n"));
        var reply = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            if (reply.Length + n > MaxReplyBytes)
                throw new IOException($"the reply is longer than {MaxReplyBytes / 1024 / 1024} MiB");
            reply.Write(buffer, 0, n);
        }
        return Encoding.UTF8.GetString(reply.GetBuffer(), 0, (int)reply.Length);
    }

    /// <summary>Sends one JSON request and reads the daemon's reply; throws SocketException when nothing listens
    /// and JsonException when the reply is not a <see cref="ControlReply"/>.</summary>
    public static ControlReply Send(string path, ControlRequest request, TimeSpan timeout)
    {
        var line = JsonSerializer.Serialize(request, ControlJsonContext.Default.ControlRequest);
        var reply = Request(path, line, timeout);
        return JsonSerializer.Deserialize(reply, ControlJsonContext.Default.ControlReply)
            ?? throw new JsonException("empty reply");
    }

    public static bool IsAnswering(string path)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
