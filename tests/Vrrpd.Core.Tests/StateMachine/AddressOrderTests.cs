using System.Net;
using Vrrpd.StateMachine;

namespace Vrrpd.Tests.StateMachine;

public class AddressOrderTests
{
    [Theory]
    [InlineData("192.0.2.2", "192.0.2.1", 1)]
    [InlineData("192.0.2.1", "192.0.2.2", -1)]
    [InlineData("192.0.2.200", "192.0.2.3", 1)]         // unsigned: 200 > 3 (a signed byte compare would say otherwise)
    [InlineData("198.51.100.1", "192.0.2.254", 1)]      // network byte order: the first octet decides
    [InlineData("192.0.2.7", "192.0.2.7", 0)]
    [InlineData("fe80::ff:fe00:a02", "fe80::ff:fe00:a01", 1)]
    [InlineData("fe80::1", "fe80::8000", -1)]
    [InlineData("fe80::1%2", "fe80::1%3", 0)]           // the scope id is not part of the address
    public void Compare_IsAnUnsignedCompareInNetworkByteOrder(string a, string b, int expectedSign)
    {
        Assert.Equal(expectedSign, Math.Sign(AddressOrder.Compare(IPAddress.Parse(a), IPAddress.Parse(b))));
    }
}
