using System.Net;
using System.Net.NetworkInformation;

namespace Vrrpd.Linux.Announce;

/// <summary>
/// Sends gratuitous ARPs (<see cref="GratuitousArpFrame"/>) as whole Ethernet frames on an AF_PACKET socket.
/// The socket has protocol 0, so it receives nothing. Opened in the calling thread's network namespace.
/// </summary>
public sealed class GratuitousArpSender : IDisposable
{
    private readonly SafeFileDescriptor _fd;
    private readonly int _interfaceIndex;
    private readonly string _interfaceName;

    private GratuitousArpSender(SafeFileDescriptor fd, int interfaceIndex, string interfaceName)
    {
        _fd = fd;
        _interfaceIndex = interfaceIndex;
        _interfaceName = interfaceName;
    }

    public static GratuitousArpSender Open(int interfaceIndex)
    {
        string name = Interop.Libc.IfIndexToName(interfaceIndex) ?? "ifindex " + interfaceIndex;
        return new GratuitousArpSender(SocketCalls.Open(Interop.Libc.AF_PACKET, 0, "socket(AF_PACKET, SOCK_RAW)", name), interfaceIndex, name);
    }

    /// <summary>One gratuitous ARP for <paramref name="vip"/> from <paramref name="senderMac"/> (the interface's own MAC).</summary>
    /// <exception cref="NativeCallException">sendto failed (e.g. ENETDOWN).</exception>
    public unsafe void Send(PhysicalAddress senderMac, IPAddress vip)
    {
        Span<byte> frame = stackalloc byte[GratuitousArpFrame.Length];
        GratuitousArpFrame.Write(frame, senderMac, vip);
        var destination = new Interop.Libc.sockaddr_ll
        {
            sll_family = Interop.Libc.AF_PACKET,
            sll_protocol = (ushort)System.Net.IPAddress.HostToNetworkOrder((short)Interop.Libc.ETH_P_ARP),
            sll_ifindex = _interfaceIndex,
            sll_halen = 6,
        };
        new Span<byte>(destination.sll_addr, 6).Fill(0xff);
        fixed (byte* p = frame)
        {
            if (Interop.Libc.SendTo(_fd, p, (nuint)frame.Length, 0, &destination, (uint)sizeof(Interop.Libc.sockaddr_ll)) < 0)
                throw NativeCallException.FromLastError($"sendto(gratuitous ARP for {vip})", _interfaceName);
        }
    }

    public void Dispose() => _fd.Dispose();
}
