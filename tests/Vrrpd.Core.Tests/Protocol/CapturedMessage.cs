using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

/// <summary>A VRRP message cut out of a captured frame or IP packet by offset, with what the IP header said.</summary>
internal sealed record CapturedMessage(AddressFamily Family, IPAddress Source, IPAddress Destination, int HopLimit, byte[] Payload)
{
    private const int EthernetHeaderLength = 14;
    private const int Ipv6HeaderLength = 40;

    public static CapturedMessage FromEthernetFrame(string hex) => FromIpPacket(Convert.FromHexString(hex)[EthernetHeaderLength..]);

    /// <summary>An IPv4 or IPv6 packet (first nibble 4 or 6); Ethernet padding after the IP length is dropped.</summary>
    public static CapturedMessage FromIpPacket(byte[] packet)
    {
        if (packet[0] >> 4 == 4)
        {
            Assert.True(Ipv4Header.TryParse(packet, out Ipv4Header header, out string error), error);
            return new(AddressFamily.InterNetwork, header.Source, header.Destination, header.Ttl, header.GetPayload(packet).ToArray());
        }

        // IPv6 fixed header (RFC 8200 §3): payload length at 4, hop limit at 7, source at 8, destination at 24.
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(4));
        return new(
            AddressFamily.InterNetworkV6,
            new IPAddress(packet.AsSpan(8, 16)),
            new IPAddress(packet.AsSpan(24, 16)),
            packet[7],
            packet.AsSpan(Ipv6HeaderLength, payloadLength).ToArray());
    }

    /// <summary>A message given without its IP header, with the addresses the vector's source states.</summary>
    public static CapturedMessage FromPayload(string hex, string source, string destination)
    {
        IPAddress src = IPAddress.Parse(source);
        return new(src.AddressFamily, src, IPAddress.Parse(destination), 255, Convert.FromHexString(hex));
    }

    public ReceivedDatagram ToDatagram(int? hopLimit = null, int interfaceIndex = 2) =>
        new(Family, Source, Destination, hopLimit ?? HopLimit, interfaceIndex, Payload);

    public AdvertisementPacket Decode()
    {
        bool decoded = AdvertisementPacket.TryDecode(Payload, Family, Source, Destination, out AdvertisementPacket? packet, out DropReason reason, out string error);
        Assert.True(decoded, $"{reason}: {error}");
        return packet!;
    }

    /// <summary>Encodes <paramref name="packet"/> for this capture's source and destination.</summary>
    public byte[] Encode(AdvertisementPacket packet, ChecksumForm form)
    {
        var buffer = new byte[AdvertisementPacket.GetEncodedLength(packet.Version, packet.Family, packet.Addresses.Count) + 7];
        int length = packet.WriteTo(buffer, Source, Destination, form);
        return buffer[..length];
    }
}
