using System.Net;
using System.Net.NetworkInformation;
using Vrrpd.Linux.Announce;

namespace Vrrpd.Linux.Tests.Announce;

/// <summary>The frames alone, without sockets (these run without root).</summary>
public sealed class AnnouncementEncodingTests
{
    private static readonly PhysicalAddress Mac = PhysicalAddress.Parse("02-00-00-00-0A-01");

    [Fact]
    public void GratuitousArpFrame_ForKeepalivedsSetup_EqualsVectorGA()
    {
        var frame = new byte[GratuitousArpFrame.Length];

        GratuitousArpFrame.Write(frame, Mac, IPAddress.Parse("192.0.2.51"));

        Assert.Equal("ffffffffffff020000000a0108060001080006040001020000000a01c0000233ffffffffffffc0000233", Hex.Of(frame));
    }

    [Fact]
    public void NeighborAdvertMessage_ForKeepalivedsSetup_EqualsVectorNAWithChecksumLeftToTheKernel()
    {
        var message = new byte[NeighborAdvertMessage.Length];

        NeighborAdvertMessage.Write(message, Mac, IPAddress.Parse("2001:db8::52"));

        // Vector NA's ICMPv6 part with its checksum ee88 zeroed.
        Assert.Equal("880000002000000020010db80000000000000000000000520201020000000a01", Hex.Of(message));
    }

    [Fact]
    public void GratuitousArpFrame_ForIPv6Address_Throws()
    {
        Assert.Throws<ArgumentException>(() => GratuitousArpFrame.Write(new byte[42], Mac, IPAddress.IPv6Loopback));
    }
}
