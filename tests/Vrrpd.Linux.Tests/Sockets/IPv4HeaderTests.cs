using System.Net;
using Vrrpd.Linux.Sockets;

namespace Vrrpd.Linux.Tests.Sockets;

public sealed class IPv4HeaderTests
{
    // docs/design/vrrp-protocol.md §8.2 K1 without its Ethernet header: 20-byte IP header + 12-byte VRRP message.
    private const string K1Packet = "45c0002000010000ff701899c0000201e0000012313396010064d3a2c0000233";

    [Fact]
    public void TryParse_KeepalivedAdvert_ReadsTtlAddressesAndLengths()
    {
        Assert.True(IPv4Header.TryParse(Hex.Bytes(K1Packet), out var header));

        Assert.Equal(new IPv4Header(20, 32, 255, IPAddress.Parse("192.0.2.1"), IPAddress.Parse("224.0.0.18")), header);
    }

    [Fact]
    public void TryParse_WithTrailingPadding_KeepsTheTotalLengthFromTheHeader()
    {
        // docs/design/vrrp-protocol.md §8.2 G1: a 40-byte datagram followed by 6 bytes of Ethernet padding.
        var packet = Hex.Bytes("45c0002800000000ff7019cdc0a8001ee0000012210164010001ba52c0a80001000000000000000000000000000000000000");

        Assert.True(IPv4Header.TryParse(packet, out var header));
        Assert.Equal(40, header.TotalLength);
        Assert.Equal(20, header.HeaderLength);
    }

    [Theory]
    [InlineData("")]                                                                  // nothing
    [InlineData("45c0002000010000ff701899c0000201e00000")]                            // shorter than 20 bytes
    [InlineData("65c0002000010000ff701899c0000201e0000012313396010064d3a2c0000233")] // version 6
    [InlineData("44c0002000010000ff701899c0000201e0000012313396010064d3a2c0000233")] // IHL 4 (16 bytes)
    [InlineData("4fc0002000010000ff701899c0000201e0000012313396010064d3a2c0000233")] // IHL 15 beyond the packet
    [InlineData("45c0004000010000ff701899c0000201e0000012313396010064d3a2c0000233")] // total length 64 > 32 received
    [InlineData("45c0001000010000ff701899c0000201e0000012313396010064d3a2c0000233")] // total length 16 < header
    public void TryParse_Malformed_ReturnsFalseWithoutThrowing(string hex)
    {
        Assert.False(IPv4Header.TryParse(Hex.Bytes(hex), out _));
    }
}
