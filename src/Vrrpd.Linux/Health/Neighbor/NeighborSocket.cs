using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using Vrrpd.Configuration;
using Vrrpd.Linux.Announce;
using Vrrpd.Linux.Netlink;

namespace Vrrpd.Linux.Health.Neighbor;

/// <summary>
/// One probe of one neighbour: its own socket bound to the interface (an AF_PACKET socket for ETH_P_ARP, or a raw
/// IPPROTO_ICMP socket with SO_BINDTODEVICE), the request sent, and every datagram read checked until the answer.
/// </summary>
internal sealed class NeighborSocket : IDisposable
{
    private static int s_identifier = Environment.ProcessId;

    private readonly SafeFileDescriptor _fd;
    private readonly Func<ReadOnlySpan<byte>, (ArpProbeFrame.Verdict Verdict, string? Problem)> _classify;

    private NeighborSocket(NeighborTarget target, SafeFileDescriptor fd, Func<ReadOnlySpan<byte>, (ArpProbeFrame.Verdict, string?)> classify)
    {
        Target = target;
        _fd = fd;
        _classify = classify;
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
        method == NeighborProbeMethod.Arp ? OpenArp(target) : OpenIcmp(target);

    private static unsafe NeighborSocket OpenArp(NeighborTarget target)
    {
        IPAddress address = target.Address!;
        PhysicalAddress mac = NetlinkLinks.List().FirstOrDefault(l => l.Index == target.InterfaceIndex).Mac ?? PhysicalAddress.None;
        if (mac.GetAddressBytes().Length != 6)
            throw new NativeCallException(Errno.EINVAL, "ARP needs an Ethernet MAC", target.InterfaceName);
        IPAddress source;
        using (var table = new NetlinkAddressTable())
            source = InterfaceAddresses.PrimaryIPv4(table.List(target.InterfaceIndex), target.InterfaceIndex) ?? IPAddress.Any;

        ushort protocol = (ushort)IPAddress.HostToNetworkOrder((short)Interop.Libc.ETH_P_ARP);
        var fd = SocketCalls.Open(Interop.Libc.AF_PACKET, protocol, "socket(AF_PACKET, SOCK_RAW, ETH_P_ARP)", target.InterfaceName);
        var socket = new NeighborSocket(target, fd, frame =>
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
        var socket = new NeighborSocket(target, fd, datagram =>
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

    /// <summary>Reads what is queued (non-blocking) and checks each datagram. Never throws.</summary>
    public unsafe void Drain()
    {
        byte* buffer = stackalloc byte[2048];
        while (Answered is null)
        {
            nint length = Interop.Libc.Recv(_fd, buffer, 2048, Interop.Libc.MSG_DONTWAIT);
            if (length < 0)
                return; // EAGAIN (nothing more) or an error: the deadline decides
            var (verdict, problem) = _classify(new ReadOnlySpan<byte>(buffer, (int)length));
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
