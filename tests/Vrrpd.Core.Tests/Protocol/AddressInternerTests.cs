using System.Net;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

public class AddressInternerTests
{
    [Fact]
    public void TheSameBytes_GiveTheSameInstance_WithoutAllocating()
    {
        var interner = new AddressInterner();
        byte[] v4 = [192, 0, 2, 11];
        byte[] v6 = IPAddress.Parse("fe80::1").GetAddressBytes();

        IPAddress first = interner.Get(v4);
        IPAddress firstV6 = interner.Get(v6);
        Assert.Equal(IPAddress.Parse("192.0.2.11"), first);
        Assert.Equal(IPAddress.Parse("fe80::1"), firstV6);

        long before = GC.GetAllocatedBytesForCurrentThread();
        IPAddress again = interner.Get(v4);
        IPAddress againV6 = interner.Get(v6);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Same(first, again);
        Assert.Same(firstV6, againV6);
    }

    [Fact]
    public void DifferentAddresses_StayApart_AcrossFamilies()
    {
        var interner = new AddressInterner();

        // 0.0.0.1 and ::1 share their low bits: the length keeps them apart.
        IPAddress v4 = interner.Get([0, 0, 0, 1]);
        IPAddress v6 = interner.Get(IPAddress.IPv6Loopback.GetAddressBytes());

        Assert.Equal(IPAddress.Parse("0.0.0.1"), v4);
        Assert.Equal(IPAddress.IPv6Loopback, v6);
        Assert.NotEqual(interner.Get([192, 0, 2, 11]), interner.Get([192, 0, 2, 12]));
    }

    [Fact]
    public void AFloodOfNewAddresses_CannotGrowTheTable_AndOldOnesAreStillRight()
    {
        var interner = new AddressInterner(capacity: 4);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(new IPAddress([10, 0, (byte)(i >> 8), (byte)i]), interner.Get([10, 0, (byte)(i >> 8), (byte)i]));
        }

        Assert.Equal(IPAddress.Parse("10.0.0.7"), interner.Get([10, 0, 0, 7]));
        Assert.Throws<ArgumentException>(() => interner.Get([1, 2, 3]));
    }
}
