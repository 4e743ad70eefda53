using System.Net;
using System.Net.Sockets;
using Vrrpd.Protocol;

namespace Vrrpd.Linux.Sockets;

/// <summary>
/// A raw IP protocol 112 socket on one interface, for one address family: sends VRRP messages (the kernel adds
/// the IP header) and receives them with the IP header taken off and its TTL / hop limit and addresses kept.
/// Opened in the network namespace of the calling thread.
/// </summary>
public sealed partial class VrrpSocket : IDisposable
{
    /// <summary>224.0.0.18, RFC 5798 §5.1.1.2.</summary>
    public static readonly IPAddress IPv4Group = IPAddress.Parse("224.0.0.18");

    /// <summary>ff02::12, RFC 5798 §5.1.2.2.</summary>
    public static readonly IPAddress IPv6Group = IPAddress.Parse("ff02::12");

    /// <summary>RFC 5798 §5.1.1.3 / §5.1.2.3: sent with 255, and anything else is discarded on receive.</summary>
    private const int HopLimit = 255;

    /// <summary>Internetwork control precedence, as keepalived sends (docs/design/vrrp-protocol.md §3).</summary>
    private const int TrafficClass = 0xc0;

    /// <summary>IPV6_CHECKSUM: the VRRP checksum sits at offset 6 of the message (RFC 5798 §5.2.8).</summary>
    private const int ChecksumOffset = 6;

    private readonly SafeFileDescriptor _fd;
    private readonly WakeableWait _wait = new();
    private readonly AddressInterner _addresses = new();   // the reader's thread only: datagrams parse without allocating
    private volatile bool _disposed;
    private long _malformedDropped;

    private VrrpSocket(SafeFileDescriptor fd, AddressFamily family, string interfaceName, int interfaceIndex)
    {
        _fd = fd;
        Family = family;
        InterfaceName = interfaceName;
        InterfaceIndex = interfaceIndex;
    }

    public AddressFamily Family { get; }

    public string InterfaceName { get; }

    public int InterfaceIndex { get; }

    /// <summary>The socket's fd, for the event loop's poll(2).</summary>
    internal SafeFileDescriptor Descriptor => _fd;

    /// <summary>Datagrams dropped by the receive path because they were not whole IP datagrams with the needed metadata.</summary>
    public long MalformedDropped => Interlocked.Read(ref _malformedDropped);

    /// <summary>
    /// Opens the socket bound to <paramref name="interfaceName"/>; with <paramref name="joinMulticast"/> it joins
    /// 224.0.0.18 or ff02::12 there (multicast mode), otherwise it only sees unicast adverts (keepalived unicast_peer).
    /// </summary>
    public static VrrpSocket Open(AddressFamily family, string interfaceName, bool joinMulticast)
    {
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            throw new ArgumentOutOfRangeException(nameof(family), family, "VRRP runs over IPv4 or IPv6");
        int interfaceIndex = SocketCalls.InterfaceIndex(interfaceName);
        bool v6 = family == AddressFamily.InterNetworkV6;
        var fd = SocketCalls.Open(v6 ? Interop.Libc.AF_INET6 : Interop.Libc.AF_INET, Interop.Libc.IPPROTO_VRRP,
            v6 ? "socket(AF_INET6, SOCK_RAW, IPPROTO_VRRP)" : "socket(AF_INET, SOCK_RAW, IPPROTO_VRRP)", interfaceName);
        try
        {
            SocketCalls.BindToDevice(fd, interfaceName);
            // The kernel's arrival time on every datagram: the Master_Down_Timer is reset from when the advert
            // arrived, not from when the receive thread woke up to read it.
            SocketCalls.SetInt(fd, Interop.Libc.SOL_SOCKET, Interop.Libc.SO_TIMESTAMPNS, 1, "SO_TIMESTAMPNS", interfaceName);
            if (v6)
                ConfigureIPv6(fd, interfaceName, interfaceIndex, joinMulticast);
            else
                ConfigureIPv4(fd, interfaceName, interfaceIndex, joinMulticast);
            return new VrrpSocket(fd, family, interfaceName, interfaceIndex);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    private static unsafe void ConfigureIPv4(SafeFileDescriptor fd, string name, int index, bool joinMulticast)
    {
        const int level = Interop.Libc.IPPROTO_IP;
        SocketCalls.SetInt(fd, level, Interop.Libc.IP_TOS, TrafficClass, "IP_TOS", name);
        SocketCalls.SetInt(fd, level, Interop.Libc.IP_TTL, HopLimit, "IP_TTL", name);
        SocketCalls.SetInt(fd, level, Interop.Libc.IP_MULTICAST_TTL, HopLimit, "IP_MULTICAST_TTL", name);
        SocketCalls.SetInt(fd, level, Interop.Libc.IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP", name);
        SocketCalls.SetInt(fd, level, Interop.Libc.IP_PKTINFO, 1, "IP_PKTINFO", name);
        // No DF bit, as keepalived sends (docs/design/vrrp-protocol.md §3, vector K1: flags/fragment 0x0000).
        SocketCalls.SetInt(fd, level, Interop.Libc.IP_MTU_DISCOVER, Interop.Libc.IP_PMTUDISC_DONT, "IP_MTU_DISCOVER", name);
        SocketCalls.SetStruct(fd, level, Interop.Libc.IP_MULTICAST_IF, new Interop.Libc.ip_mreqn { imr_ifindex = index }, "IP_MULTICAST_IF", name);
        if (joinMulticast)
        {
            var membership = new Interop.Libc.ip_mreqn { imr_ifindex = index };
            IPv4Group.TryWriteBytes(new Span<byte>(membership.imr_multiaddr, 4), out _);
            SocketCalls.SetStruct(fd, level, Interop.Libc.IP_ADD_MEMBERSHIP, membership, "IP_ADD_MEMBERSHIP 224.0.0.18", name);
        }
    }

    private static unsafe void ConfigureIPv6(SafeFileDescriptor fd, string name, int index, bool joinMulticast)
    {
        const int level = Interop.Libc.IPPROTO_IPV6;
        SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_TCLASS, TrafficClass, "IPV6_TCLASS", name);
        SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_UNICAST_HOPS, HopLimit, "IPV6_UNICAST_HOPS", name);
        SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_MULTICAST_HOPS, HopLimit, "IPV6_MULTICAST_HOPS", name);
        SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP", name);
        SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_MULTICAST_IF, index, "IPV6_MULTICAST_IF", name);
        // RFC 5798 §7.1 checks the hop limit; with no IPv6 header on a raw socket it comes as a control message.
        SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT", name);
        SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO", name);
        // The kernel fills the checksum (pseudo-header + message) on send and drops bad ones on receive.
        SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_CHECKSUM, ChecksumOffset, "IPV6_CHECKSUM", name);
        if (joinMulticast)
        {
            var membership = new Interop.Libc.ipv6_mreq { ipv6mr_interface = index };
            IPv6Group.TryWriteBytes(new Span<byte>(membership.ipv6mr_multiaddr, 16), out _);
            SocketCalls.SetStruct(fd, level, Interop.Libc.IPV6_ADD_MEMBERSHIP, membership, "IPV6_ADD_MEMBERSHIP ff02::12", name);
        }
    }

    /// <summary>Closes the socket; a thread blocked in <see cref="TryReceive"/> returns false.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _wait.Dispose();
        _fd.Dispose();
    }
}
