using System.Net;
using System.Net.Sockets;

namespace Vrrpd.Linux.Sockets;

public sealed partial class VrrpSocket
{
    /// <summary>
    /// Sends one VRRP message; the kernel adds the IP header (TTL / hop limit 255, TOS 0xc0) and, for IPv6, the
    /// checksum. <paramref name="source"/> must be an address of this host: the primary IPv4 address or the
    /// IPv6 link-local address (RFC 5798 §5.1.1.1, §5.1.2.1); null lets the kernel choose.
    /// </summary>
    /// <exception cref="NativeCallException">sendmsg failed (e.g. ENETDOWN while the link is down).</exception>
    public unsafe void Send(ReadOnlySpan<byte> vrrpMessage, IPAddress destination, IPAddress? source = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SocketAddresses.RequireFamily(destination, Family, "destination");
        if (source is not null)
            SocketAddresses.RequireFamily(source, Family, "source");

        byte* control = stackalloc byte[64];
        nuint controlLength;
        Interop.Libc.sockaddr_in destination4 = default;
        Interop.Libc.sockaddr_in6 destination6 = default;
        void* name;
        uint nameLength;
        if (Family == AddressFamily.InterNetwork)
        {
            destination4 = SocketAddresses.ToSockaddrIn(destination);
            name = &destination4;
            nameLength = (uint)sizeof(Interop.Libc.sockaddr_in);
            // IP_PKTINFO: ipi_spec_dst becomes the source address of a raw socket's datagram.
            var info = new Interop.Libc.in_pktinfo { ipi_ifindex = InterfaceIndex };
            source?.TryWriteBytes(new Span<byte>(info.ipi_spec_dst, 4), out _);
            controlLength = ControlMessages.Write(control, Interop.Libc.IPPROTO_IP, Interop.Libc.IP_PKTINFO, info);
        }
        else
        {
            destination6 = SocketAddresses.ToSockaddrIn6(destination, InterfaceIndex);
            name = &destination6;
            nameLength = (uint)sizeof(Interop.Libc.sockaddr_in6);
            var info = new Interop.Libc.in6_pktinfo { ipi6_ifindex = InterfaceIndex };
            source?.TryWriteBytes(new Span<byte>(info.ipi6_addr, 16), out _);
            controlLength = ControlMessages.Write(control, Interop.Libc.IPPROTO_IPV6, Interop.Libc.IPV6_PKTINFO, info);
        }

        fixed (byte* payload = vrrpMessage)
        {
            var iov = new Interop.Libc.iovec { iov_base = payload, iov_len = (nuint)vrrpMessage.Length };
            var message = new Interop.Libc.msghdr
            {
                msg_name = name, msg_namelen = nameLength, msg_iov = &iov, msg_iovlen = 1,
                msg_control = control, msg_controllen = controlLength,
            };
            if (Interop.Libc.SendMsg(_fd, &message, 0) < 0)
                throw NativeCallException.FromLastError($"sendmsg to {destination}", InterfaceName);
        }
    }
}
