using System.Net.Sockets;
using System.Text;

namespace Vrrpd.IntegrationTests.Packaging;

/// <summary>
/// Plays systemd's side of sd_notify: a unix datagram socket, bound to a file path or to an abstract name, that
/// collects each datagram as its list of KEY=VALUE lines.
/// </summary>
internal sealed class NotifyListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string? _directory;

    private NotifyListener(string notifySocket, string bindAddress, string? directory)
    {
        NotifySocket = notifySocket;
        _directory = directory;
        _socket.Bind(new UnixDomainSocketEndPoint(bindAddress));
    }

    /// <summary>The value to put in $NOTIFY_SOCKET.</summary>
    public string NotifySocket { get; }

    public static NotifyListener OnPath()
    {
        var directory = Directory.CreateTempSubdirectory("vrrpd-notify-").FullName;
        var path = Path.Combine(directory, "notify");
        return new NotifyListener(path, path, directory);
    }

    /// <summary>An abstract-namespace socket: systemd writes it as "@name", the kernel sees "\0name".</summary>
    public static NotifyListener Abstract()
    {
        var name = $"vrrpd-notify-test-{Environment.ProcessId}-{Guid.NewGuid():N}";
        return new NotifyListener("@" + name, "\0" + name, null);
    }

    /// <summary>The next datagram's lines; fails the test when none arrives within the timeout.</summary>
    public IReadOnlyList<string> Receive(TimeSpan? timeout = null)
    {
        var buffer = new byte[4096];
        _socket.ReceiveTimeout = (int)(timeout ?? TimeSpan.FromSeconds(5)).TotalMilliseconds;
        var length = _socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, length).Split('\n');
    }

    /// <summary>True when a datagram is waiting (or arrives within the wait).</summary>
    public bool HasPending(TimeSpan wait) => _socket.Poll((int)wait.TotalMicroseconds, SelectMode.SelectRead);

    public void Dispose()
    {
        _socket.Dispose();
        if (_directory is not null) Directory.Delete(_directory, recursive: true);
    }
}
