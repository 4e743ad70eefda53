using System.Net.Sockets;

namespace Vrrpd.Fuzz.Targets;

/// <summary>
/// The packet target's first byte: how the datagram reached vrrpd. Bit 0: IPv6 (else IPv4 with its header);
/// bit 1: sent to our unicast address (else the VRRP group; IPv6 only, IPv4 takes it from the header);
/// bit 2: checksum repaired before decoding; bit 3: with the pseudo-header (else the message alone);
/// bits 4-6: the receiving instance (<see cref="PolicyVariant"/>); bit 7: labelled with the other family, as a
/// socket layer with a bug would hand it over.
/// </summary>
internal readonly record struct PacketContext(byte Value)
{
    public bool Ipv6 => (Value & 0x01) != 0;

    public bool UnicastDestination => (Value & 0x02) != 0;

    public bool RepairChecksum => (Value & 0x04) != 0;

    public bool PseudoHeaderChecksum => (Value & 0x08) != 0;

    /// <summary>0: the matching instance; 1-6: one that differs in one rule; 7: matching.</summary>
    public int PolicyVariant => (Value >> 4) & 0x07;

    public AddressFamily FamilyAsLabelled(AddressFamily actual) =>
        (Value & 0x80) == 0 ? actual
        : actual == AddressFamily.InterNetwork ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
}
