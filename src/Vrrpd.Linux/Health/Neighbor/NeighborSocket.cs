using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using Vrrpd.Configuration;
using Vrrpd.Linux.Announce;
using Vrrpd.Linux.Netlink;
using Vrrpd.Linux.Sockets;
using System.Net.Sockets;

namespace Vrrpd.Linux.Health.Neighbor;

/// <summary>
/// One probe of one neighbour: its own socket bound to the interface (an AF_PACKET socket for ETH_P_ARP, a raw
/// IPPROTO_ICMP socket with SO_BINDTODEVICE, or for IPv6 a raw ICMPv6 socket with SO_BINDTODEVICE), the request sent, and every datagram read checked until the answer.
/// </summary>
internal sealed class NeighborSocket : IDisposable
{
    private static int s_identifier = Environment.ProcessId;

    private readonly SafeFileDescriptor _fd;
    private readonly Classifier _classify;
    private readonly bool _ipv6;

    /// <summary>What one received datagram is: its bytes, its source (IPv6 only) and hop limit (IPv6 only, else -1).</summary>
    private delegate (ArpProbeFrame.Verdict Verdict, string? Problem) Classifier(ReadOnlySpan<byte> datagram, IPAddress? source, int hopLimit);

    private NeighborSocket(NeighborTarget target, SafeFileDescriptor fd, Classifier classify, bool ipv6 = false)
    {
        Target = target;
        _fd = fd;
        _classify = classify;
        _ipv6 = ipv6;
    }

    public NeighborTarget Target { get; }

    /// <summary>When the request went out (Stopwatch timestamp).</summary>
    public long SentAt { get; private set; }

    /// <summary>How long the answer took; null while there is none.</summary>
    public TimeSpan? Answered { get; private set; }

    /// <summary>Datagrams that were not well-formed, dropped.</summary>
    public int Malformed { get; private set; }

    public string? LastProblem { get; private set; }

    internal int Fd => _fd.Fd;

    /// <exception cref="NativeCallException">A socket call failed.</exception>
    /// <exception cref="NetlinkException">The interface's MAC or address could not be read.</exception>
    public static NeighborSocket Open(NeighborTarget target, NeighborProbeMethod method) =>
        target.Address!.AddressFamily == AddressFamily.InterNetworkV6 ? OpenIcmpv6(target, method)
        : method == NeighborProbeMethod.Arp ? OpenArp(target) : OpenIcmp(target);

    private static PhysicalAddress MacOf(NeighborTarget target, string what)
    {
        PhysicalAddress mac = NetlinkLinks.List().FirstOrDefault(l => l.Index == target.InterfaceIndex).Mac ?? PhysicalAddress.None;
        if (mac.GetAddressBytes().Length != 6)
            throw new NativeCallException(Errno.EINVAL, $"{what} needs an Ethernet MAC", target.InterfaceName);
        return mac;
    }

    private static unsafe NeighborSocket OpenArp(NeighborTarget target)
    {
        IPAddress address = target.Address!;
        PhysicalAddress mac = MacOf(target, "ARP");
        IPAddress source;
        using (var table = new NetlinkAddressTable())
            source = InterfaceAddresses.PrimaryIPv4(table.List(target.InterfaceIndex), target.InterfaceIndex) ?? IPAddress.Any;

        ushort protocol = (ushort)IPAddress.HostToNetworkOrder((short)Interop.Libc.ETH_P_ARP);
        var fd = SocketCalls.Open(Interop.Libc.AF_PACKET, protocol, "socket(AF_PACKET, SOCK_RAW, ETH_P_ARP)", target.InterfaceName);
        var socket = new NeighborSocket(target, fd, (frame, _, _) =>
        {
            var verdict = ArpProbeFrame.Classify(frame, mac, address, out string? problem);
            return (verdict, problem);
        });
        try
        {
            var local = new Interop.Libc.sockaddr_ll { sll_family = Interop.Libc.AF_PACKET, sll_protocol = protocol, sll_ifindex = target.InterfaceIndex };
            if (Interop.Libc.Bind(fd, &local, (uint)sizeof(Interop.Libc.sockaddr_ll)) < 0)
                throw NativeCallException.FromLastError("bind(AF_PACKET)", target.InterfaceName);
            Span<byte> frame = stackalloc byte[ArpProbeFrame.Length];
            ArpProbeFrame.WriteRequest(frame, mac, source, address);
            var destination = local;
            destination.sll_halen = 6;
            new Span<byte>(destination.sll_addr, 6).Fill(0xff);
            socket.SentAt = Stopwatch.GetTimestamp();
            fixed (byte* p = frame)
            {
                if (Interop.Libc.SendTo(fd, p, (nuint)frame.Length, 0, &destination, (uint)sizeof(Interop.Libc.sockaddr_ll)) < 0)
                    throw NativeCallException.FromLastError($"sendto(ARP request for {address})", target.InterfaceName);
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static unsafe NeighborSocket OpenIcmp(NeighborTarget target)
    {
        IPAddress address = target.Address!;
        ushort identifier = (ushort)Interlocked.Increment(ref s_identifier);
        const ushort sequence = 1;
        var fd = SocketCalls.Open(Interop.Libc.AF_INET, Interop.Libc.IPPROTO_ICMP, "socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)", target.InterfaceName);
        var socket = new NeighborSocket(target, fd, (datagram, _, _) =>
        {
            var verdict = IcmpEchoMessage.Classify(datagram, address, identifier, sequence, out string? problem);
            return (verdict, problem);
        });
        try
        {
            SocketCalls.BindToDevice(fd, target.InterfaceName);
            Span<byte> message = stackalloc byte[IcmpEchoMessage.Length];
            IcmpEchoMessage.WriteRequest(message, identifier, sequence);
            var destination = new Interop.Libc.sockaddr_in { sin_family = Interop.Libc.AF_INET };
            address.TryWriteBytes(new Span<byte>(destination.sin_addr, 4), out _);
            socket.SentAt = Stopwatch.GetTimestamp();
            fixed (byte* p = message)
            {
                if (Interop.Libc.SendTo(fd, p, (nuint)message.Length, 0, &destination, (uint)sizeof(Interop.Libc.sockaddr_in)) < 0)
                    throw NativeCallException.FromLastError($"sendto(ICMP echo to {address})", target.InterfaceName);
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>IPv6: a Neighbor Solicitation (method arp) or an ICMPv6 echo on a raw ICMPv6 socket bound to the
    /// interface, hop limit 255, with a filter that lets only the expected answer type through.</summary>
    private static unsafe NeighborSocket OpenIcmpv6(NeighborTarget target, NeighborProbeMethod method)
    {
        IPAddress address = target.Address!;
        bool solicit = method == NeighborProbeMethod.Arp;
        PhysicalAddress mac = solicit ? MacOf(target, "Neighbor Solicitation") : PhysicalAddress.None;
        ushort identifier = (ushort)Interlocked.Increment(ref s_identifier);
        const ushort sequence = 1;
        string name = target.InterfaceName;
        var fd = SocketCalls.Open(Interop.Libc.AF_INET6, Interop.Libc.IPPROTO_ICMPV6, "socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6)", name);
        Classifier classify = solicit
            ? (message, _, hopLimit) => (NeighborSolicitationMessage.Classify(message, hopLimit, address, out string? problem), problem)
            : (message, source, _) => (Icmpv6EchoMessage.Classify(message, source, address, identifier, sequence, out string? problem), problem);
        var socket = new NeighborSocket(target, fd, classify, ipv6: true);
        try
        {
            SocketCalls.BindToDevice(fd, name);
            const int level = Interop.Libc.IPPROTO_IPV6;
            SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_MULTICAST_HOPS, 255, "IPV6_MULTICAST_HOPS", name);
            SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_UNICAST_HOPS, 255, "IPV6_UNICAST_HOPS", name);
            SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_MULTICAST_IF, target.InterfaceIndex, "IPV6_MULTICAST_IF", name);
            SocketCalls.SetInt(fd, level, Interop.Libc.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT", name);
            // Linux: a set bit blocks that type. Block all but the answer.
            int answerType = solicit ? 136 : 129;
            var filter = new Interop.Libc.icmp6_filter();
            new Span<uint>(filter.icmp6_filt, 8).Fill(uint.MaxValue);
            filter.icmp6_filt[answerType >> 5] &= ~(1u << (answerType & 31));
            SocketCalls.SetStruct(fd, Interop.Libc.IPPROTO_ICMPV6, Interop.Libc.ICMPV6_FILTER, filter, "ICMPV6_FILTER", name);

            Span<byte> message = stackalloc byte[Math.Max(NeighborSolicitationMessage.Length, Icmpv6EchoMessage.Length)];
            int length;
            IPAddress destination;
            if (solicit)
            {
                NeighborSolicitationMessage.WriteSolicitation(message, mac, address);
                (length, destination) = (NeighborSolicitationMessage.Length, NeighborSolicitationMessage.SolicitedNodeAddress(address));
            }
            else
            {
                Icmpv6EchoMessage.WriteRequest(message, identifier, sequence);
                (length, destination) = (Icmpv6EchoMessage.Length, address);
            }

            var to = SocketAddresses.ToSockaddrIn6(destination, target.InterfaceIndex);
            socket.SentAt = Stopwatch.GetTimestamp();
            fixed (byte* p = message)
            {
                if (Interop.Libc.SendTo(fd, p, (nuint)length, 0, &to, (uint)sizeof(Interop.Libc.sockaddr_in6)) < 0)
                    throw NativeCallException.FromLastError($"sendto({(solicit ? "Neighbor Solicitation for" : "ICMPv6 echo to")} {address})", name);
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads what is queued (non-blocking) and checks each datagram. Never throws.</summary>
    public unsafe void Drain()
    {
        byte* buffer = stackalloc byte[2048];
        ulong* control = stackalloc ulong[16];
        while (Answered is null)
        {
            IPAddress? source = null;
            int hopLimit = -1;
            nint length;
            if (_ipv6)
            {
                var from = default(Interop.Libc.sockaddr_in6);
                var iov = new Interop.Libc.iovec { iov_base = buffer, iov_len = 2048 };
                var header = new Interop.Libc.msghdr
                {
                    msg_name = &from, msg_namelen = (uint)sizeof(Interop.Libc.sockaddr_in6), msg_iov = &iov, msg_iovlen = 1,
                    msg_control = control, msg_controllen = 16 * sizeof(ulong),
                };
                length = Interop.Libc.RecvMsg(_fd, &header, Interop.Libc.MSG_DONTWAIT);
                if (length >= 0)
                {
                    source = SocketAddresses.FromSockaddrIn6(from);
                    if (!ControlMessages.TryFind((byte*)control, header.msg_controllen, Interop.Libc.IPPROTO_IPV6, Interop.Libc.IPV6_HOPLIMIT, out hopLimit))
                        hopLimit = -1;
                }
            }
            else
            {
                length = Interop.Libc.Recv(_fd, buffer, 2048, Interop.Libc.MSG_DONTWAIT);
            }

            if (length < 0)
                return; // EAGAIN (nothing more) or an error: the deadline decides
            var (verdict, problem) = _classify(new ReadOnlySpan<byte>(buffer, (int)length), source, hopLimit);
            if (verdict == ArpProbeFrame.Verdict.Malformed)
            {
                Malformed++;
                LastProblem = problem;
            }
            else if (verdict == ArpProbeFrame.Verdict.Answer)
            {
                Answered = Stopwatch.GetElapsedTime(SentAt);
            }
        }
    }

    public void Dispose() => _fd.Dispose();
}
