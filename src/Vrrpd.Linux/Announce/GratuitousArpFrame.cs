using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vrrpd.Linux.Announce;

/// <summary>
/// The gratuitous ARP keepalived sends without a VMAC (docs/design/vrrp-protocol.md §7, vector GA in §8.2): an ARP request,
/// broadcast, sender hardware address = the interface MAC, sender IP = target IP = the VIP, and target hardware
/// address ff:ff:ff:ff:ff:ff. (RFC 5798 §6.4.1 asks for the VMAC as sender; vrrpd has no VMAC mode.)
/// </summary>
public static class GratuitousArpFrame
{
    /// <summary>14-byte Ethernet header + 28-byte ARP message; no padding (the NIC pads to 60 on real hardware).</summary>
    public const int Length = 42;

    private const ushort ARPHRD_ETHER = 1;
    private const ushort ETH_P_IP = 0x0800;
    private const ushort ARPOP_REQUEST = 1;

    public static void Write(Span<byte> frame, PhysicalAddress senderMac, IPAddress vip)
    {
        if (vip.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"gratuitous ARP is for IPv4 addresses, not {vip}", nameof(vip));
        ReadOnlySpan<byte> mac = senderMac.GetAddressBytes();
        if (mac.Length != 6)
            throw new ArgumentException($"an Ethernet MAC has 6 bytes, not {mac.Length}", nameof(senderMac));
        frame = frame[..Length];
        frame[..6].Fill(0xff);                                           // Ethernet destination: broadcast
        mac.CopyTo(frame[6..]);                                          // Ethernet source
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], Interop.Libc.ETH_P_ARP);
        BinaryPrimitives.WriteUInt16BigEndian(frame[14..], ARPHRD_ETHER); // hardware type
        BinaryPrimitives.WriteUInt16BigEndian(frame[16..], ETH_P_IP);     // protocol type
        frame[18] = 6;                                                    // hardware address length
        frame[19] = 4;                                                    // protocol address length
        BinaryPrimitives.WriteUInt16BigEndian(frame[20..], ARPOP_REQUEST);
        mac.CopyTo(frame[22..]);                                          // sender hardware address
        vip.TryWriteBytes(frame[28..], out _);                            // sender IP = VIP
        frame.Slice(32, 6).Fill(0xff);                                    // target hardware address: broadcast, as keepalived
        vip.TryWriteBytes(frame[38..], out _);                            // target IP = VIP
    }
}
