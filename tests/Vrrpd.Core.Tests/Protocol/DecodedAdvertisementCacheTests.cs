using System.Net;
using System.Net.Sockets;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

public class DecodedAdvertisementCacheTests
{
    private static readonly IPAddress Source = IPAddress.Parse("192.0.2.11");
    private static readonly IPAddress Group = IPAddress.Parse("224.0.0.18");

    private static byte[] Advert(byte priority, byte vrid = 51, string vip = "192.0.2.100", IPAddress? source = null)
    {
        var packet = new AdvertisementPacket
        {
            Version = VrrpVersion.V3,
            VirtualRouterId = vrid,
            Priority = priority,
            AdvertisementInterval = TimeSpan.FromSeconds(1),
            Addresses = [IPAddress.Parse(vip)],
            Family = AddressFamily.InterNetwork,
        };
        var buffer = new byte[AdvertisementPacket.GetEncodedLength(VrrpVersion.V3, AddressFamily.InterNetwork, 1)];
        packet.WriteTo(buffer, source ?? Source, Group, ChecksumForm.PseudoHeader);
        return buffer;
    }

    private readonly DecodedAdvertisementCache cache = new();

    [Fact]
    public void TheSameMessage_GivesTheSamePacket_WithoutAllocating()
    {
        byte[] message = Advert(150);
        Assert.True(cache.TryDecode(message, AddressFamily.InterNetwork, Source, Group, out var first, out _));

        byte[] nextArrival = message.ToArray();   // another datagram, same bytes
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool again = cache.TryDecode(nextArrival, AddressFamily.InterNetwork, Source, Group, out var second, out var reason);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(again);
        Assert.Same(first, second);
        Assert.Equal(DropReason.None, reason);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void AChangedMessage_IsDecodedAfresh()
    {
        Assert.True(cache.TryDecode(Advert(150), AddressFamily.InterNetwork, Source, Group, out var first, out _));
        Assert.True(cache.TryDecode(Advert(0), AddressFamily.InterNetwork, Source, Group, out var stopped, out _));

        Assert.Equal(150, first.Priority);
        Assert.Equal(0, stopped.Priority);
        Assert.True(cache.TryDecode(Advert(150), AddressFamily.InterNetwork, Source, Group, out var back, out _));
        Assert.Equal(150, back.Priority);
    }

    [Fact]
    public void TheSameBytes_FromAnotherSource_AreCheckedAgain()
    {
        // The v3 checksum covers the addresses: bytes that verified from one source do not from another.
        byte[] message = Advert(150);
        Assert.True(cache.TryDecode(message, AddressFamily.InterNetwork, Source, Group, out _, out _));

        Assert.False(cache.TryDecode(message, AddressFamily.InterNetwork, IPAddress.Parse("192.0.2.12"), Group, out var packet, out var reason));
        Assert.Null(packet);
        Assert.Equal(DropReason.BadChecksum, reason);
    }

    [Fact]
    public void AMalformedMessage_IsDroppedWithItsReason_AndNotRemembered()
    {
        byte[] message = Advert(150);
        Assert.True(cache.TryDecode(message, AddressFamily.InterNetwork, Source, Group, out _, out _));

        byte[] corrupt = message.ToArray();
        corrupt[2] ^= 0x01;   // priority changed, checksum not
        Assert.False(cache.TryDecode(corrupt, AddressFamily.InterNetwork, Source, Group, out _, out var reason));
        Assert.Equal(DropReason.BadChecksum, reason);
        Assert.False(cache.TryDecode(message[..7], AddressFamily.InterNetwork, Source, Group, out _, out reason));
        Assert.Equal(DropReason.Truncated, reason);
        Assert.True(cache.TryDecode(message, AddressFamily.InterNetwork, Source, Group, out var packet, out _));
        Assert.Equal(150, packet.Priority);
    }

    [Fact]
    public void VirtualRouters_HaveTheirOwnSlots()
    {
        Assert.True(cache.TryDecode(Advert(150, vrid: 1), AddressFamily.InterNetwork, Source, Group, out var one, out _));
        Assert.True(cache.TryDecode(Advert(100, vrid: 2), AddressFamily.InterNetwork, Source, Group, out var two, out _));
        Assert.True(cache.TryDecode(Advert(150, vrid: 1), AddressFamily.InterNetwork, Source, Group, out var oneAgain, out _));

        Assert.Same(one, oneAgain);
        Assert.Equal(2, two.VirtualRouterId);
    }
}
