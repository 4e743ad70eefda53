using System.Net;
using Vrrpd.Linux.Netlink;

namespace Vrrpd.Linux.Tests.Netlink;

/// <summary>The netlink encoder and parsers on their own (host-endian; these run without root).</summary>
public sealed class NetlinkMessageTests
{
    [Fact]
    public void Builder_NewAddrRequest_LaysOutHeaderIfAddrMsgAndPaddedAttributes()
    {
        var request = new NetlinkMessageBuilder(20, 0x0605, 7)
            .IfAddrMsg(2, 32, 0, 0, 3)
            .Attribute(2, [192, 0, 2, 51])
            .Attribute(3, "eth0:v");                  // 7 bytes with NUL: padded to 8

        var bytes = request.Build().ToArray();

        Assert.Equal(
            "2c000000" + "1400" + "0506" + "07000000" + "00000000"   // nlmsghdr: len 44, RTM_NEWADDR, flags, seq, pid
            + "02200000" + "03000000"                                  // ifaddrmsg: AF_INET, /32, ifindex 3
            + "0800" + "0200" + "c0000233"                             // IFA_LOCAL
            + "0b00" + "0300" + "657468303a760000",                    // IFA_LABEL "eth0:v\0" + 1 pad byte
            Hex.Of(bytes));
    }

    [Fact]
    public void AddressMessage_RoundTripsThroughTheBuilder_WithIfaFlagsOverridingTheLegacyByte()
    {
        var message = new NetlinkMessageBuilder(20, 0, 1)
            .IfAddrMsg(10, 128, 0x02, 0, 5)
            .Attribute(1, IPAddress.Parse("2001:db8::52").GetAddressBytes())
            .Attribute(8, 0x282u)                     // IFA_FLAGS: nodad | permanent | 0x200
            .Build();

        var reader = new NetlinkMessageReader(message);
        Assert.True(reader.TryRead(out var parsed));
        Assert.True(AddressMessage.TryParse(parsed.Payload, out var address));

        Assert.Equal(new InterfaceAddress(5, IPAddress.Parse("2001:db8::52"), 128, 0, 0x282, null), address);
    }

    [Fact]
    public void Readers_TruncatedOrLyingLengths_StopWithoutThrowing()
    {
        var message = new NetlinkMessageBuilder(20, 0, 1).IfAddrMsg(2, 24, 0, 0, 1).Attribute(2, [192, 0, 2, 1]).Build().ToArray();

        var truncated = new NetlinkMessageReader(message.AsSpan(0, message.Length - 1)); // nlmsg_len says more than is there
        Assert.False(truncated.TryRead(out _));
        message[24] = 200;                                                                 // rta_len beyond the message
        var reader = new NetlinkMessageReader(message);
        Assert.True(reader.TryRead(out var parsed));
        Assert.False(AddressMessage.TryParse(parsed.Payload, out _));                     // no usable address attribute
        Assert.False(AddressMessage.TryParse(parsed.Payload[..4], out _));                // shorter than ifaddrmsg
    }
}
