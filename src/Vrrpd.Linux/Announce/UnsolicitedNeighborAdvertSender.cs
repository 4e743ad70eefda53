using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Vrrpd.Linux.Sockets;

namespace Vrrpd.Linux.Announce;

/// <summary>
/// Sends unsolicited Neighbor Advertisements (<see cref="NeighborAdvertMessage"/>) from the VIP to ff02::1 with
/// hop limit 255 (RFC 4861 §7.1.2 makes receivers drop anything else) on a raw ICMPv6 socket; the kernel adds
/// the IPv6 header and the ICMPv6 checksum. Opened in the calling thread's network namespace.
/// </summary>
public sealed class UnsolicitedNeighborAdvertSender : IDisposable
{
    private static readonly IPAddress AllNodes = IPAddress.Parse("ff02::1");

    private readonly SafeFileDescriptor _fd;
    private readonly int _interfaceIndex;
    private readonly string _interfaceName;

    private UnsolicitedNeighborAdvertSender(SafeFileDescriptor fd, int interfaceIndex, string interfaceName)
    {
        _fd = fd;
        _interfaceIndex = interfaceIndex;
        _interfaceName = interfaceName;
    }

    public static unsafe UnsolicitedNeighborAdvertSender Open(int interfaceIndex)
    {
        string name = Interop.Libc.IfIndexToName(interfaceIndex) ?? "ifindex " + interfaceIndex;
        var fd = SocketCalls.Open(Interop.Libc.AF_INET6, Interop.Libc.IPPROTO_ICMPV6, "socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6)", name);
        try
        {
            const int level = Interop.Libc.IPPROTO_IPV6;
            SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_MULTICAST_HOPS, 255, "IPV6_MULTICAST_HOPS", name);
            SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_UNICAST_HOPS, 255, "IPV6_UNICAST_HOPS", name);
            SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_MULTICAST_IF, interfaceIndex, "IPV6_MULTICAST_IF", name);
            SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP", name);
            // Flow label 0, as in keepalived's NA, instead of the kernel's per-flow hash.
            SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_AUTOFLOWLABEL, 0, "IPV6_AUTOFLOWLABEL", name);
            // The VIP may still be tentative (added without nodad) when the first NA goes out; send from it anyway.
            SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_FREEBIND, 1, "IPV6_FREEBIND", name);
            // Send-only: block every ICMPv6 type on receive so nothing queues up on this socket.
            var blockAll = new Interop.Libc.icmp6_filter();
            new Span<uint>(blockAll.icmp6_filt, 8).Fill(uint.MaxValue);
            SocketCalls.SetStruct(fd, Interop.Libc.IPPROTO_ICMPV6, Interop.Libc.ICMPV6_FILTER, blockAll, "ICMPV6_FILTER", name);
            return new UnsolicitedNeighborAdvertSender(fd, interfaceIndex, name);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>One unsolicited NA for <paramref name="vip"/> with <paramref name="mac"/> as target link-layer address.</summary>
    /// <exception cref="NativeCallException">sendmsg failed (e.g. ENETDOWN).</exception>
    public unsafe void Send(PhysicalAddress mac, IPAddress vip)
    {
        Span<byte> message = stackalloc byte[NeighborAdvertMessage.Length];
        NeighborAdvertMessage.Write(message, mac, vip);
        var destination = SocketAddresses.ToSockaddrIn6(AllNodes, _interfaceIndex);
        var source = new Interop.Libc.in6_pktinfo { ipi6_ifindex = _interfaceIndex };
        vip.TryWriteBytes(new Span<byte>(source.ipi6_addr, 16), out _);
        ulong* control = stackalloc ulong[8];
        nuint controlLength = ControlMessages.Write((byte*)control, Interop.Libc.IPPROTO_IPV6, Interop.Libc.IPV6_PKTINFO, source);
        fixed (byte* payload = message)
        {
            var iov = new Interop.Libc.iovec { iov_base = payload, iov_len = (nuint)message.Length };
            var header = new Interop.Libc.msghdr
            {
                msg_name = &destination, msg_namelen = (uint)sizeof(Interop.Libc.sockaddr_in6), msg_iov = &iov, msg_iovlen = 1,
                msg_control = control, msg_controllen = controlLength,
            };
            if (Interop.Libc.SendMsg(_fd, &header, 0) < 0)
                throw NativeCallException.FromLastError($"sendmsg(unsolicited NA for {vip})", _interfaceName);
        }
    }

    public void Dispose() => _fd.Dispose();
}
