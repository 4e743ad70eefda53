using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// TCP connections opened from inside a lab host's network namespace, for in-process clients (the etcd client):
/// the socket is created on a short-lived thread that entered the namespace with setns(2), and a socket belongs to
/// the namespace it was created in for its whole life, whichever thread uses it later. Nothing is bound or
/// connected in the machine's own namespace.
/// </summary>
public static partial class NamespaceSockets
{
    private const int CLONE_NEWNET = 0x40000000;

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that connects from inside <paramref name="host"/>.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectFrom(LabHost host) =>
        async (context, cancellationToken) =>
        {
            IPAddress address = IPAddress.Parse(context.DnsEndPoint.Host.Trim('[', ']'));
            Socket socket = Create(host.Namespace, address.AddressFamily);
            try
            {
                socket.NoDelay = true;
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

    private static Socket Create(string namespaceName, AddressFamily family)
    {
        Socket? socket = null;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var ns = File.OpenHandle($"/var/run/netns/{namespaceName}");
                if (SetNs((int)ns.DangerousGetHandle(), CLONE_NEWNET) != 0)
                {
                    throw new IOException($"setns({namespaceName}): errno {Marshal.GetLastPInvokeError()}");
                }

                // This thread stays in the namespace until it ends, right after.
                socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }) { IsBackground = true, Name = "netns " + namespaceName };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return socket!;
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nsType);
}
