using System.Runtime.InteropServices;

namespace Vrrpd.Linux.Tests.Namespaces;

/// <summary>
/// An AF_PACKET socket on one interface of a namespace: sees every Ethernet frame as it is on the wire, the
/// way tcpdump would. Open it before the frames are sent.
/// </summary>
internal sealed unsafe class FrameCapture : IDisposable
{
    private readonly SafeFileDescriptor _fd;

    private FrameCapture(SafeFileDescriptor fd) => _fd = fd;

    public static FrameCapture Open(string ns, int interfaceIndex) => NamespaceThread.Run(ns, () =>
    {
        ushort all = (ushort)((Interop.Libc.ETH_P_ALL >> 8) | (Interop.Libc.ETH_P_ALL << 8 & 0xff00)); // htons
        var fd = SocketCalls.Open(Interop.Libc.AF_PACKET, all, "socket(AF_PACKET)", null);
        var address = new Interop.Libc.sockaddr_ll { sll_family = Interop.Libc.AF_PACKET, sll_protocol = all, sll_ifindex = interfaceIndex };
        if (Interop.Libc.Bind(fd, &address, (uint)sizeof(Interop.Libc.sockaddr_ll)) < 0)
            throw NativeCallException.FromLastError("bind(AF_PACKET)", null);
        return new FrameCapture(fd);
    });

    /// <summary>The first frame that <paramref name="match"/> accepts, or null after <paramref name="timeout"/>.</summary>
    public byte[]? WaitFor(Func<byte[], bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var wait = new WakeableWait();
        var buffer = new byte[2048];
        while (DateTime.UtcNow < deadline)
        {
            int remaining = Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalMilliseconds);
            if (!wait.WaitReadable(_fd, remaining))
                continue;
            nint length;
            fixed (byte* p = buffer)
                length = Interop.Libc.Recv(_fd, p, (nuint)buffer.Length, Interop.Libc.MSG_DONTWAIT);
            if (length < 0)
                continue;
            byte[] frame = buffer[..(int)length];
            if (match(frame))
                return frame;
        }
        return null;
    }

    public void Dispose() => _fd.Dispose();
}
