using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

/// <summary>Wraps a VRRP message in Ethernet + IPv4/IPv6 as keepalived sends it (TOS 0xc0, TTL 255), for pcap files.</summary>
internal static class EthernetFrame
{
    private static readonly byte[] SourceMac = [0x02, 0x00, 0x00, 0x00, 0x0a, 0x01];

    public static byte[] Wrap(byte[] message, IPAddress source, IPAddress destination) =>
        source.AddressFamily == AddressFamily.InterNetwork
            ? [.. MulticastMac(destination), .. SourceMac, 0x08, 0x00, .. Ipv4Header(message.Length, source, destination), .. message]
            : [.. MulticastMac(destination), .. SourceMac, 0x86, 0xdd, .. Ipv6Header(message.Length, source, destination), .. message];

    private static byte[] Ipv4Header(int payloadLength, IPAddress source, IPAddress destination)
    {
        var header = new byte[20];
        header[0] = 0x45;
        header[1] = 0xc0;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(20 + payloadLength));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 1);
        header[8] = VrrpWire.RequiredHopLimit;
        header[9] = VrrpWire.IpProtocol;
        source.TryWriteBytes(header.AsSpan(12), out _);
        destination.TryWriteBytes(header.AsSpan(16), out _);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), InternetChecksum.Compute(header));
        return header;
    }

    private static byte[] Ipv6Header(int payloadLength, IPAddress source, IPAddress destination)
    {
        var header = new byte[40];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x6c000000); // version 6, traffic class 0xc0
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)payloadLength);
        header[6] = VrrpWire.IpProtocol;
        header[7] = VrrpWire.RequiredHopLimit;
        source.TryWriteBytes(header.AsSpan(8), out _);
        destination.TryWriteBytes(header.AsSpan(24), out _);
        return header;
    }

    /// <summary>01:00:5e + low 23 bits of an IPv4 group (RFC 1112 §6.4); 33:33 + low 32 bits of IPv6 (RFC 2464 §7).</summary>
    private static byte[] MulticastMac(IPAddress group)
    {
        byte[] address = group.GetAddressBytes();
        return group.AddressFamily == AddressFamily.InterNetwork
            ? [0x01, 0x00, 0x5e, (byte)(address[1] & 0x7f), address[2], address[3]]
            : [0x33, 0x33, address[12], address[13], address[14], address[15]];
    }
}
