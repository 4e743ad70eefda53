using System.Net;
using System.Net.Sockets;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

public class AdvertisementPacketEncodeTests
{
    private static readonly IPAddress Source = IPAddress.Parse("192.0.2.1");

    [Theory]
    [InlineData(VrrpVersion.V2, AddressFamily.InterNetwork, 1, 20)]
    [InlineData(VrrpVersion.V2, AddressFamily.InterNetwork, 0, 16)]
    [InlineData(VrrpVersion.V3, AddressFamily.InterNetwork, 1, 12)]
    [InlineData(VrrpVersion.V3, AddressFamily.InterNetworkV6, 2, 40)]
    [InlineData(VrrpVersion.V2, AddressFamily.InterNetwork, 7, 44)]
    public void EncodedLength_FollowsTheRfcLayout(VrrpVersion version, AddressFamily family, int count, int expected)
    {
        Assert.Equal(expected, AdvertisementPacket.GetEncodedLength(version, family, count));
    }

    [Theory]
    [InlineData(0, 1)]          // 0 never goes on the wire
    [InlineData(10, 1)]
    [InlineData(500, 50)]
    [InlineData(1000, 100)]
    [InlineData(40_950, 4095)]
    [InlineData(60_000, 4095)]  // clamped to 12 bits
    public void V3Interval_IsCentisecondsClampedTo1Through4095(int milliseconds, int field)
    {
        byte[] message = Encode(Packet(VrrpVersion.V3, TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Equal(field, (message[4] << 8) | message[5]);
    }

    [Theory]
    [InlineData(100, 1)]   // FRR: max(cs / 100, 1)
    [InlineData(1000, 1)]
    [InlineData(2500, 2)]
    [InlineData(300_000, 255)]
    public void V2Interval_IsWholeSecondsAtLeastOne(int milliseconds, int seconds)
    {
        byte[] message = Encode(Packet(VrrpVersion.V2, TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Equal(seconds, message[5]);
    }

    [Fact]
    public void V3ReservedBits_AreZeroOnSend_AndIgnoredOnReceive()
    {
        CapturedMessage k1 = ReferenceVectors.Get("K1");
        Assert.Equal(0, k1.Encode(k1.Decode(), ChecksumForm.PseudoHeader)[4] >> 4);

        // RFC 5798 §5.2.6: ignored on receive.
        k1.Payload[4] |= 0xF0;
        ushort checksum = AdvertisementChecksum.Compute(k1.Payload, ChecksumForm.PseudoHeader, k1.Source, k1.Destination);
        k1.Payload[6] = (byte)(checksum >> 8);
        k1.Payload[7] = (byte)checksum;
        Assert.Equal(TimeSpan.FromSeconds(1), k1.Decode().AdvertisementInterval);
    }

    [Fact]
    public void V2AuthData_IsZeroPaddedToEightBytes_AsKeepalivedSendsIt()
    {
        byte[] message = Encode(new AdvertisementPacket
        {
            Version = VrrpVersion.V2,
            VirtualRouterId = 64,
            Priority = 120,
            AdvertisementInterval = TimeSpan.FromSeconds(1),
            AuthType = (byte)AuthenticationType.Pass,
            AuthData = "secret"u8.ToArray(),
            Addresses = [IPAddress.Parse("192.0.2.64")],
            Family = AddressFamily.InterNetwork,
        });

        Assert.Equal("7365637265740000", Convert.ToHexString(message[^8..]).ToLowerInvariant());
        Assert.Equal(1, message[4]);
    }

    [Fact]
    public void V2AuthData_LongerThanEightBytes_IsTruncated()
    {
        byte[] message = Encode(new AdvertisementPacket
        {
            Version = VrrpVersion.V2,
            VirtualRouterId = 1,
            Priority = 100,
            AdvertisementInterval = TimeSpan.FromSeconds(1),
            AuthType = (byte)AuthenticationType.Pass,
            AuthData = "abcdefghij"u8.ToArray(),
            Addresses = [IPAddress.Parse("192.0.2.64")],
            Family = AddressFamily.InterNetwork,
        });

        Assert.Equal(20, message.Length);
        Assert.Equal("abcdefgh"u8.ToArray(), message[^8..]);
    }

    [Fact]
    public void V2OverIpv6_IsRefused()
    {
        AdvertisementPacket packet = new()
        {
            Version = VrrpVersion.V2,
            VirtualRouterId = 1,
            Priority = 100,
            AdvertisementInterval = TimeSpan.FromSeconds(1),
            Addresses = [IPAddress.Parse("2001:db8::1")],
            Family = AddressFamily.InterNetworkV6,
        };

        Assert.Throws<ArgumentException>(() => packet.WriteTo(new byte[64], IPAddress.Parse("fe80::1"), IPAddress.Parse("ff02::12"), ChecksumForm.PseudoHeader));
    }

    [Fact]
    public void MixedAddressFamilies_AreRefused()
    {
        var packet = new AdvertisementPacket
        {
            Version = VrrpVersion.V3,
            VirtualRouterId = 51,
            Priority = 150,
            AdvertisementInterval = TimeSpan.FromSeconds(1),
            Addresses = [IPAddress.Parse("192.0.2.51"), IPAddress.Parse("2001:db8::51")],
            Family = AddressFamily.InterNetwork,
        };

        ArgumentException error = Assert.Throws<ArgumentException>(() => Encode(packet));
        Assert.Contains("2001:db8::51", error.Message);
    }

    [Fact]
    public void DestinationSpanTooShort_IsRefused()
    {
        AdvertisementPacket packet = Packet(VrrpVersion.V3, TimeSpan.FromSeconds(1));

        Assert.Throws<ArgumentException>(() => packet.WriteTo(new byte[11], Source, VrrpWire.Ipv4Group, ChecksumForm.PseudoHeader));
    }

    [Fact]
    public void WriteTo_ReturnsTheLength_AndLeavesTheRestOfTheBufferAlone()
    {
        byte[] buffer = Enumerable.Repeat((byte)0xAA, 32).ToArray();

        int length = Packet(VrrpVersion.V3, TimeSpan.FromSeconds(1)).WriteTo(buffer, Source, VrrpWire.Ipv4Group, ChecksumForm.PseudoHeader);

        Assert.Equal(12, length);
        Assert.All(buffer[12..], b => Assert.Equal(0xAA, b));
    }

    private static AdvertisementPacket Packet(VrrpVersion version, TimeSpan interval) => new()
    {
        Version = version,
        VirtualRouterId = 51,
        Priority = 150,
        AdvertisementInterval = interval,
        Addresses = [IPAddress.Parse("192.0.2.51")],
        Family = AddressFamily.InterNetwork,
    };

    private static byte[] Encode(AdvertisementPacket packet)
    {
        var buffer = new byte[64];
        int length = packet.WriteTo(buffer, Source, VrrpWire.Ipv4Group, ChecksumForm.PseudoHeader);
        return buffer[..length];
    }
}
