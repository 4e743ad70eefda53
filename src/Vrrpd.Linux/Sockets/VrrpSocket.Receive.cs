using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Vrrpd.Protocol;

namespace Vrrpd.Linux.Sockets;

public sealed partial class VrrpSocket
{
    /// <summary>
    /// Blocks until a datagram arrives, then returns it with the IP header taken off; the payload is a slice of
    /// <paramref name="buffer"/>. Returns false when the socket is disposed or <paramref name="cancellationToken"/>
    /// is cancelled. Malformed datagrams are dropped and counted in <see cref="MalformedDropped"/>, never thrown.
    /// Meant for a dedicated receive thread.
    /// </summary>
    public bool TryReceive(Memory<byte> buffer, out ReceivedDatagram datagram, CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.Register(static state => ((WakeableWait)state!).Wake(), _wait);
        while (!_disposed && !cancellationToken.IsCancellationRequested)
        {
            if (_wait.WaitReadable(_fd) && TryReceivePending(buffer, out datagram))
                return true;
        }
        datagram = default;
        return false;
    }

    /// <summary>
    /// Reads one datagram already queued, without blocking; false when none is (or the socket is disposed).
    /// Malformed ones are counted and skipped. Safe beside a thread blocked in <see cref="TryReceive"/>: the kernel
    /// hands each datagram to one reader.
    /// </summary>
    public bool TryReceivePending(Memory<byte> buffer, out ReceivedDatagram datagram)
    {
        while (!_disposed)
        {
            switch (ReceiveOne(buffer, out datagram))
            {
                case ReceiveOutcome.Datagram:
                    return true;
                case ReceiveOutcome.Malformed:
                    Interlocked.Increment(ref _malformedDropped);
                    continue;
                default:
                    return false;
            }
        }
        datagram = default;
        return false;
    }

    private enum ReceiveOutcome { Datagram, Malformed, Nothing }

    private unsafe ReceiveOutcome ReceiveOne(Memory<byte> buffer, out ReceivedDatagram datagram)
    {
        datagram = default;
        ulong* control = stackalloc ulong[32];                  // 256 bytes, aligned for cmsghdr
        Interop.Libc.sockaddr_in6 from = default;               // big enough for sockaddr_in too
        using var pin = buffer.Pin();
        var iov = new Interop.Libc.iovec { iov_base = pin.Pointer, iov_len = (nuint)buffer.Length };
        var message = new Interop.Libc.msghdr
        {
            msg_name = &from, msg_namelen = (uint)sizeof(Interop.Libc.sockaddr_in6), msg_iov = &iov, msg_iovlen = 1,
            msg_control = control, msg_controllen = 256,
        };
        nint received;
        try
        {
            received = Interop.Libc.RecvMsg(_fd, &message, Interop.Libc.MSG_DONTWAIT);
        }
        catch (ObjectDisposedException)
        {
            return ReceiveOutcome.Nothing;
        }
        if (received < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Errno.EAGAIN or Errno.EINTR || _disposed)
                return ReceiveOutcome.Nothing;
            throw new NativeCallException(errno, "recvmsg", InterfaceName);
        }
        if ((message.msg_flags & Interop.Libc.MSG_TRUNC) != 0)
            return ReceiveOutcome.Malformed;
        var packet = buffer[..(int)received];
        bool parsed = Family == AddressFamily.InterNetwork
            ? TryParseIPv4(packet, (byte*)control, message.msg_controllen, out datagram)
            : TryParseIPv6(packet, (byte*)control, message.msg_controllen, from, out datagram);
        return parsed ? ReceiveOutcome.Datagram : ReceiveOutcome.Malformed;
    }

    private unsafe bool TryParseIPv4(Memory<byte> packet, byte* control, nuint controlLength, out ReceivedDatagram datagram)
    {
        datagram = default;
        if (!Ipv4Header.TryParse(packet.Span, _addresses, out var header, out _))
            return false;
        int interfaceIndex = ControlMessages.TryFind(control, controlLength, Interop.Libc.IPPROTO_IP, Interop.Libc.IP_PKTINFO,
            out Interop.Libc.in_pktinfo info) ? info.ipi_ifindex : InterfaceIndex;
        datagram = new ReceivedDatagram(AddressFamily.InterNetwork, header.Source, header.Destination, header.Ttl,
            interfaceIndex, packet[header.HeaderLength..header.TotalLength], ArrivalTime(control, controlLength));
        return true;
    }

    private unsafe bool TryParseIPv6(Memory<byte> packet, byte* control, nuint controlLength,
        in Interop.Libc.sockaddr_in6 from, out ReceivedDatagram datagram)
    {
        datagram = default;
        // Without the hop limit the RFC 5798 §7.1 check cannot be made; without pktinfo, not the destination.
        if (from.sin6_family != Interop.Libc.AF_INET6
            || !ControlMessages.TryFind(control, controlLength, Interop.Libc.IPPROTO_IPV6, Interop.Libc.IPV6_HOPLIMIT, out int hopLimit)
            || !ControlMessages.TryFind(control, controlLength, Interop.Libc.IPPROTO_IPV6, Interop.Libc.IPV6_PKTINFO,
                out Interop.Libc.in6_pktinfo info))
            return false;
        var destination = _addresses.Get(new ReadOnlySpan<byte>(info.ipi6_addr, 16));
        IPAddress source;
        fixed (byte* sourceBytes = from.sin6_addr)
            source = _addresses.Get(new ReadOnlySpan<byte>(sourceBytes, 16));
        datagram = new ReceivedDatagram(AddressFamily.InterNetworkV6, source, destination,
            hopLimit, info.ipi6_ifindex, packet, ArrivalTime(control, controlLength));
        return true;
    }

    /// <summary>SCM_TIMESTAMPNS: when the kernel received the datagram, on CLOCK_REALTIME (the clock of
    /// DateTimeOffset.UtcNow); null if the kernel sent none.</summary>
    private static unsafe DateTimeOffset? ArrivalTime(byte* control, nuint controlLength) =>
        ControlMessages.TryFind(control, controlLength, Interop.Libc.SOL_SOCKET, Interop.Libc.SO_TIMESTAMPNS, out Interop.Libc.timespec at)
            && at.tv_sec > 0
            ? DateTimeOffset.UnixEpoch.AddTicks(at.tv_sec * TimeSpan.TicksPerSecond + at.tv_nsec / 100)
            : null;
}
