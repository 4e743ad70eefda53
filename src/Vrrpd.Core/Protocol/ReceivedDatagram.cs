using System.Net;
using System.Net.Sockets;

namespace Vrrpd.Protocol;

/// <summary>
/// One protocol-112 datagram as the socket layer hands it over: the VRRP message with the IP header already
/// taken off (its TTL / hop limit and addresses kept here, because RFC 5798 §7.1 checks them).
/// </summary>
/// <param name="HopLimit">IPv4 TTL or IPv6 hop limit as received; RFC 5798 §7.1 requires 255.</param>
/// <param name="InterfaceIndex">The interface it arrived on (kernel ifindex).</param>
/// <param name="Payload">The VRRP message only, exactly as long as the IP header says (no Ethernet padding).</param>
/// <param name="ArrivedAt">When the kernel received it (wall clock, SO_TIMESTAMPNS); null when unknown.</param>
public readonly record struct ReceivedDatagram(
    AddressFamily Family,
    IPAddress Source,
    IPAddress Destination,
    int HopLimit,
    int InterfaceIndex,
    ReadOnlyMemory<byte> Payload,
    DateTimeOffset? ArrivedAt = null);
