using System.Net;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

public class Ipv4HeaderTests
{
    // K1 without its Ethernet header: TOS 0xc0, ID 1, TTL 255, protocol 112, 192.0.2.1 -> 224.0.0.18.
    private const string K1Packet = "45c0002000010000ff701899c0000201e0000012313396010064d3a2c0000233";

    [Fact]
    public void KeepalivedAdvertHeader_ParsesEveryField()
    {
        byte[] packet = Convert.FromHexString(K1Packet);

        Assert.True(Ipv4Header.TryParse(packet, out Ipv4Header header));

        Assert.Equal(4, header.Version);
        Assert.Equal(5, header.Ihl);
        Assert.Equal(20, header.HeaderLength);
        Assert.Equal(32, header.TotalLength);
        Assert.Equal(12, header.PayloadLength);
        Assert.Equal(255, header.Ttl);
        Assert.Equal(VrrpWire.IpProtocol, header.Protocol);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), header.Source);
        Assert.Equal(IPAddress.Parse("224.0.0.18"), header.Destination);
        Assert.Equal("313396010064d3a2c0000233", Convert.ToHexString(header.GetPayload(packet)).ToLowerInvariant());
    }

    [Fact]
    public void TrailingPadding_IsOutsideThePayload()
    {
        byte[] packet = Convert.FromHexString(K1Packet + "000000000000");

        Assert.True(Ipv4Header.TryParse(packet, out Ipv4Header header));
        Assert.Equal(12, header.GetPayload(packet).Length);
    }

    [Fact]
    public void Options_MoveThePayload()
    {
        // IHL 6: one 4-byte option (NOP NOP NOP EOL); total length 36.
        byte[] packet = Convert.FromHexString("46c0002400010000ff700000c0000201e000001201010100" + "313396010064d3a2c0000233");

        Assert.True(Ipv4Header.TryParse(packet, out Ipv4Header header));
        Assert.Equal(24, header.HeaderLength);
        Assert.Equal("313396010064d3a2c0000233", Convert.ToHexString(header.GetPayload(packet)).ToLowerInvariant());
    }

    [Theory]
    [InlineData("", "0 bytes; an IPv4 header is at least 20")]
    [InlineData("45c0002000010000ff701899c0000201e00000", "19 bytes; an IPv4 header is at least 20")]
    [InlineData("65c0002000010000ff701899c0000201e0000012313396010064d3a2c0000233", "IP version 6; expected 4")]
    [InlineData("44c0002000010000ff701899c0000201e0000012313396010064d3a2c0000233", "header length 16 outside 20..32")]
    [InlineData("4fc0002000010000ff701899c0000201e0000012313396010064d3a2c0000233", "header length 60 outside 20..32")]
    [InlineData("45c0002100010000ff701899c0000201e0000012313396010064d3a2c0000233", "total length 33 outside 20..32")]
    [InlineData("45c0001000010000ff701899c0000201e0000012313396010064d3a2c0000233", "total length 16 outside 20..32")]
    public void MalformedHeader_IsRefusedWithAReason(string hex, string expected)
    {
        Assert.False(Ipv4Header.TryParse(Convert.FromHexString(hex), out _, out string error));
        Assert.Equal(expected, error);
    }
}
