using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vrrpd.Linux.Announce;

/// <summary>
/// The ICMPv6 part of an unsolicited Neighbor Advertisement (RFC 4861 §4.4) as keepalived sends it without a
/// VMAC (vector NA in docs/design/vrrp-protocol.md §8.2): type 136, flags O only, target = VIP, one Target Link-Layer Address option.
/// The checksum is left 0: the kernel fills it on a raw ICMPv6 socket.
/// </summary>
public static class NeighborAdvertMessage
{
    /// <summary>4 (type, code, checksum) + 4 (flags, reserved) + 16 (target) + 8 (TLLA option).</summary>
    public const int Length = 32;

    private const byte ND_NEIGHBOR_ADVERT = 136;
    private const byte ND_OPT_TARGET_LINKADDR = 2;

    /// <summary>
    /// Override only. RFC 5798 §6.4.1 asks for R=1 (router) as well; we send what keepalived 2.2.7 sends, so a
    /// pair of mixed vrrpd/keepalived routers announces identically and neighbours see no flip of their
    /// IsRouter flag (RFC 4861 §7.2.5) between masters. A host that learnt the VIP as a router keeps it either way.
    /// </summary>
    private const byte ND_NA_FLAG_OVERRIDE = 0x20;

    public static void Write(Span<byte> message, PhysicalAddress mac, IPAddress vip)
    {
        if (vip.AddressFamily != AddressFamily.InterNetworkV6)
            throw new ArgumentException($"neighbor advertisements are for IPv6 addresses, not {vip}", nameof(vip));
        ReadOnlySpan<byte> macBytes = mac.GetAddressBytes();
        if (macBytes.Length != 6)
            throw new ArgumentException($"an Ethernet MAC has 6 bytes, not {macBytes.Length}", nameof(mac));
        message = message[..Length];
        message.Clear();
        message[0] = ND_NEIGHBOR_ADVERT;       // code 0, checksum 0 (kernel)
        message[4] = ND_NA_FLAG_OVERRIDE;
        vip.TryWriteBytes(message[8..], out _);
        message[24] = ND_OPT_TARGET_LINKADDR;
        message[25] = 1;                       // option length in units of 8 bytes
        macBytes.CopyTo(message[26..]);
    }
}
