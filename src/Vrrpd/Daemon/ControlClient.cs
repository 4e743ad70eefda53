using System.Net.Sockets;
using System.Text;

namespace Vrrpd.Daemon;

/// <summary>The client side of the control socket, used by `vrrpd status` and friends.</summary>
internal static class ControlClient
{
    /// <summary>Sends one request line and returns the reply; throws SocketException when nothing listens.</summary>
    public static string Request(string path, string request, TimeSpan timeout)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        socket.SendTimeout = (int)timeout.TotalMilliseconds;
        socket.Connect(new UnixDomainSocketEndPoint(path));
        using var stream = new NetworkStream(socket, ownsSocket: false);
        stream.Write(Encoding.UTF8.GetBytes(request + "\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
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
