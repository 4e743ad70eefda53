using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Vrrpd.Linux.Netlink;

namespace Vrrpd.Linux.Health.Processes;

/// <summary>
/// A subscription to the kernel's process events connector (NETLINK_CONNECTOR, group CN_IDX_PROC; needs
/// CAP_NET_ADMIN): every fork, exec, name change and exit of the machine arrives as one netlink message
/// (docs/design/process-tracking.md §4). The connector exists in the initial network namespace only: from another
/// one the socket is opened on a short-lived thread that entered the initial one (§7). <see cref="Open"/> waits
/// for the kernel's acknowledgement: a kernel without
/// CONFIG_PROC_EVENTS, or a caller outside the initial user and pid namespaces, gets none, and the tracker then falls
/// back to rescanning /proc (§5). Not thread-safe; one reader.
/// </summary>
internal sealed unsafe class ProcessEventSocket : IDisposable
{
    private const int NETLINK_CONNECTOR = 11;
    private const uint CN_IDX_PROC = 1;
    private const uint CN_VAL_PROC = 1;
    private const uint PROC_CN_MCAST_LISTEN = 1;

    /// <summary>NLMSG_DONE: the type the connector's own tools put on a request.</summary>
    private const ushort NLMSG_DONE = 3;

    /// <summary>Room for a burst of events between two reads (each message is 76 bytes); the kernel drops beyond
    /// it and says so with ENOBUFS, upon which the table is rebuilt from /proc.</summary>
    private const int ReceiveBufferBytes = 4 * 1024 * 1024;

    private readonly byte[] _buffer = new byte[64 * 1024];

    private ProcessEventSocket(SafeFileDescriptor handle) => Handle = handle;

    public SafeFileDescriptor Handle { get; }

    /// <summary>PROC_PID_INIT_INO and PROC_USER_INIT_INO (include/linux/proc_ns.h): the initial namespaces' inodes.</summary>
    private const string InitialPidNamespace = "pid:[4026531836]";
    private const string InitialUserNamespace = "user:[4026531837]";

    /// <summary>Why subscribing cannot work here, known without waiting for an acknowledgement that will not come:
    /// cn_proc reports only to listeners in the initial pid and user namespaces (§5). Null when it may work.</summary>
    public static string? WhyUnavailable()
    {
        string? pid = NamespaceOf("pid");
        string? user = NamespaceOf("user");
        if (pid is not null && pid != InitialPidNamespace) return $"vrrpd runs in pid namespace {pid}, and the kernel reports process events to the initial one only";
        if (user is not null && user != InitialUserNamespace) return $"vrrpd runs in user namespace {user}, and the kernel reports process events to the initial one only";
        return null;
    }

    private static string? NamespaceOf(string kind)
    {
        try
        {
            return new FileInfo($"/proc/self/ns/{kind}").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Where a process of the initial pid namespace finds the initial network namespace: init's, or
    /// kthreadd's where init's is hidden (kernel threads always run in it).</summary>
    private static readonly string[] InitialNetworkNamespaces = ["/proc/1/ns/net", "/proc/2/ns/net"];

    /// <summary>Subscribes and waits up to <paramref name="acknowledgeWithin"/> for the kernel to confirm.</summary>
    /// <exception cref="NativeCallException">The socket, bind or subscription failed, or no acknowledgement came.</exception>
    public static ProcessEventSocket Open(TimeSpan acknowledgeWithin)
    {
        ProcessEventSocket socket;
        try
        {
            socket = Subscribed();
        }
        catch (NativeCallException e) when (e.Errno == Errno.ECONNREFUSED)
        {
            // This network namespace has no connector: subscribe from the initial one (§7).
            socket = SubscribedInInitialNetworkNamespace();
        }

        try
        {
            socket.WaitForAcknowledgement(acknowledgeWithin);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A socket of the calling thread's network namespace, bound and subscribed.</summary>
    private static ProcessEventSocket Subscribed()
    {
        SafeFileDescriptor fd = SocketCalls.Open(Interop.Libc.AF_NETLINK, NETLINK_CONNECTOR, "socket(AF_NETLINK, NETLINK_CONNECTOR)", null);
        var socket = new ProcessEventSocket(fd);
        try
        {
            // Best effort: without CAP_NET_ADMIN's SO_RCVBUFFORCE the kernel caps it at rmem_max, which still works.
            int size = ReceiveBufferBytes;
            _ = Interop.Libc.SetSockOpt(fd, Interop.Libc.SOL_SOCKET, Interop.Libc.SO_RCVBUF, &size, sizeof(int));
            var local = new Interop.Libc.sockaddr_nl { nl_family = Interop.Libc.AF_NETLINK, nl_groups = CN_IDX_PROC };
            if (Interop.Libc.Bind(fd, &local, (uint)sizeof(Interop.Libc.sockaddr_nl)) < 0)
                throw NativeCallException.FromLastError("bind(NETLINK_CONNECTOR, CN_IDX_PROC)", null);
            socket.Subscribe();
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <see cref="Subscribed"/> on a thread of its own that first entered the initial network namespace with
    /// setns(2) (CAP_SYS_ADMIN): setns moves only that thread, the socket stays in the namespace it was made in, and
    /// the thread ends right after, so no other code ever runs in that namespace (§7).
    /// </summary>
    private static ProcessEventSocket SubscribedInInitialNetworkNamespace()
    {
        ProcessEventSocket? socket = null;
        NativeCallException? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using SafeFileHandle initial = OpenInitialNetworkNamespace();
                if (Interop.Libc.SetNs((int)initial.DangerousGetHandle(), Interop.Libc.CLONE_NEWNET) < 0)
                    throw NativeCallException.FromLastError("setns(initial network namespace)", null);
                socket = Subscribed();
            }
            catch (NativeCallException e)
            {
                failure = e;
            }
        })
        { IsBackground = true, Name = "process-events-netns" };
        thread.Start();
        thread.Join();
        return socket ?? throw failure!;
    }

    private static SafeFileHandle OpenInitialNetworkNamespace()
    {
        Exception? last = null;
        foreach (string path in InitialNetworkNamespaces)
        {
            try
            {
                return File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                last = e;
            }
        }

        throw new NativeCallException(last is UnauthorizedAccessException ? Errno.EACCES : Errno.ENOENT, $"open(/proc/1/ns/net, /proc/2/ns/net): {last?.Message}", null);
    }

    private void Subscribe()
    {
        // nlmsghdr (16) + cn_msg (20) + enum proc_cn_mcast_op (4).
        Span<byte> request = stackalloc byte[Rtnetlink.NlMsgHdrLength + ProcessEvent.ConnectorHeaderLength + 4];
        request.Clear();
        MemoryMarshal.Write(request, (uint)request.Length);
        MemoryMarshal.Write(request[4..], NLMSG_DONE);
        Span<byte> connector = request[Rtnetlink.NlMsgHdrLength..];
        MemoryMarshal.Write(connector, CN_IDX_PROC);
        MemoryMarshal.Write(connector[4..], CN_VAL_PROC);
        MemoryMarshal.Write(connector[16..], (ushort)4);
        MemoryMarshal.Write(connector[ProcessEvent.ConnectorHeaderLength..], PROC_CN_MCAST_LISTEN);
        var kernel = new Interop.Libc.sockaddr_nl { nl_family = Interop.Libc.AF_NETLINK };
        fixed (byte* p = request)
        {
            if (Interop.Libc.SendTo(Handle, p, (nuint)request.Length, 0, &kernel, (uint)sizeof(Interop.Libc.sockaddr_nl)) < 0)
                throw NativeCallException.FromLastError("send(PROC_CN_MCAST_LISTEN)", null);
        }
    }

    private void WaitForAcknowledgement(TimeSpan within)
    {
        using var wait = new WakeableWait();
        long deadline = Environment.TickCount64 + (long)within.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            if (!wait.WaitReadable(Handle, (int)Math.Max(1, deadline - Environment.TickCount64)))
                continue;
            bool acknowledged = false;
            int error = 0;
            int errno = ReceiveAll(e =>
            {
                if (e.Kind != ProcessEventKind.Acknowledge) return;
                acknowledged = true;
                error = e.AckError;
            });
            if (acknowledged)
            {
                if (error != 0) throw new NativeCallException(error, "PROC_CN_MCAST_LISTEN", null);
                return;
            }
            if (errno is not (0 or Errno.EAGAIN or Errno.EINTR or Errno.ENOBUFS))
                throw new NativeCallException(errno, "recv(NETLINK_CONNECTOR)", null);
        }

        // cn_proc answers nothing to a listener outside the initial user and pid namespaces.
        throw new NativeCallException(Errno.ETIMEDOUT, "PROC_CN_MCAST_LISTEN (no acknowledgement: not in the initial pid namespace, or no CONFIG_PROC_EVENTS)", null);
    }

    /// <summary>Reads every message waiting, without blocking, and hands each event to <paramref name="onEvent"/>.
    /// Returns 0 when the queue was drained, else the errno that stopped it (ENOBUFS = events were lost).</summary>
    public int ReceiveAll(Action<ProcessEvent> onEvent)
    {
        while (true)
        {
            nint length;
            fixed (byte* p = _buffer)
                length = Interop.Libc.Recv(Handle, p, (nuint)_buffer.Length, Interop.Libc.MSG_DONTWAIT);
            if (length < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                return errno == Errno.EAGAIN ? 0 : errno;
            }
            if (length == 0) return 0;

            var reader = new NetlinkMessageReader(_buffer.AsSpan(0, (int)length));
            while (reader.TryRead(out NetlinkMessage message))
            {
                if (ProcessEvent.TryParse(message.Payload, out ProcessEvent parsed)) onEvent(parsed);
            }
        }
    }

    public void Dispose() => Handle.Dispose();
}
