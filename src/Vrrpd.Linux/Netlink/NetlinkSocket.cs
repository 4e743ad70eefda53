using System.Runtime.InteropServices;

namespace Vrrpd.Linux.Netlink;

/// <summary>
/// A NETLINK_ROUTE socket in the calling thread's network namespace: request/ACK, dumps, and (with groups)
/// multicast notifications. Not thread-safe; owners serialise.
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    private const int ReceiveBufferLength = 64 * 1024;
    private readonly byte[] _receiveBuffer = new byte[ReceiveBufferLength];
    private uint _sequence = (uint)Environment.TickCount;

    private NetlinkSocket(SafeFileDescriptor fd) => Handle = fd;

    internal SafeFileDescriptor Handle { get; }

    public static NetlinkSocket Open(uint groups = 0)
    {
        var fd = SocketCalls.Open(Interop.Libc.AF_NETLINK, Rtnetlink.NETLINK_ROUTE, "socket(AF_NETLINK, NETLINK_ROUTE)", null);
        var address = new Interop.Libc.sockaddr_nl { nl_family = Interop.Libc.AF_NETLINK, nl_groups = groups };
        if (Interop.Libc.Bind(fd, &address, (uint)sizeof(Interop.Libc.sockaddr_nl)) < 0)
        {
            var error = NativeCallException.FromLastError("bind(AF_NETLINK)", null);
            fd.Dispose();
            throw error;
        }
        return new NetlinkSocket(fd);
    }

    public uint NextSequence() => ++_sequence;

    public void Send(ReadOnlySpan<byte> message, string operation)
    {
        var kernel = new Interop.Libc.sockaddr_nl { nl_family = Interop.Libc.AF_NETLINK };
        fixed (byte* p = message)
        {
            if (Interop.Libc.SendTo(Handle, p, (nuint)message.Length, 0, &kernel, (uint)sizeof(Interop.Libc.sockaddr_nl)) < 0)
                throw new NetlinkException(Marshal.GetLastPInvokeError(), operation);
        }
    }

    /// <summary>One recv(): the bytes, or the errno (ENOBUFS when notifications overflowed, EAGAIN when nonblocking and empty).</summary>
    public ReadOnlySpan<byte> Receive(int flags, out int errno)
    {
        nint length;
        fixed (byte* p = _receiveBuffer)
            length = Interop.Libc.Recv(Handle, p, ReceiveBufferLength, flags);
        errno = length < 0 ? Marshal.GetLastPInvokeError() : 0;
        return length < 0 ? default : _receiveBuffer.AsSpan(0, (int)length);
    }

    /// <summary>Sends a request with NLM_F_ACK and returns the errno of the kernel's answer (0 = done).</summary>
    public int Request(NetlinkMessageBuilder request, uint sequence, string operation)
    {
        Send(request.Build(), operation);
        while (true)
        {
            var received = ReceiveOrThrow(operation);
            var reader = new NetlinkMessageReader(received);
            while (reader.TryRead(out var message))
            {
                if (message.Sequence == sequence && message.Type == Rtnetlink.NLMSG_ERROR)
                    return -message.Error;
            }
        }
    }

    /// <summary>Sends a NLM_F_DUMP request and hands every answer message to <paramref name="onMessage"/> until NLMSG_DONE.</summary>
    public void Dump(NetlinkMessageBuilder request, uint sequence, string operation, MessageHandler onMessage)
    {
        Send(request.Build(), operation);
        while (true)
        {
            var received = ReceiveOrThrow(operation);
            var reader = new NetlinkMessageReader(received);
            while (reader.TryRead(out var message))
            {
                if (message.Sequence != sequence)
                    continue;
                if (message.Type == Rtnetlink.NLMSG_DONE)
                    return;
                if (message.Type == Rtnetlink.NLMSG_ERROR)
                    throw new NetlinkException(-message.Error, operation);
                onMessage(message);
            }
        }
    }

    /// <summary>Sends a request that the kernel answers with one message (RTM_GETROUTE for one destination) and
    /// hands that message to <paramref name="onMessage"/>; returns the errno of an NLMSG_ERROR answer, else 0.</summary>
    public int Get(NetlinkMessageBuilder request, uint sequence, string operation, MessageHandler onMessage)
    {
        Send(request.Build(), operation);
        while (true)
        {
            var received = ReceiveOrThrow(operation);
            var reader = new NetlinkMessageReader(received);
            while (reader.TryRead(out var message))
            {
                if (message.Sequence != sequence)
                    continue;
                if (message.Type == Rtnetlink.NLMSG_ERROR)
                    return -message.Error;
                onMessage(message);
                return 0;
            }
        }
    }

    internal delegate void MessageHandler(NetlinkMessage message);

    private ReadOnlySpan<byte> ReceiveOrThrow(string operation)
    {
        while (true)
        {
            var received = Receive(0, out int errno);
            if (errno == Errno.EINTR)
                continue;
            if (errno != 0)
                throw new NetlinkException(errno, operation);
            return received;
        }
    }

    public void Dispose() => Handle.Dispose();
}
