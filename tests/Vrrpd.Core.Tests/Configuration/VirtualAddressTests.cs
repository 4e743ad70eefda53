using System.Net;
using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

public class VirtualAddressTests
{
    private static VirtualAddressConfig Vip(string line)
    {
        VrrpInstanceConfig i = Assert.Single(ConfigAssert.LoadValid($$"""
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                virtual_ipaddress {
                    {{line}}
                }
            }
            """).Instances);
        return Assert.Single(i.VirtualAddresses);
    }

    [Fact]
    public void BareIPv4_IsAHostAddressOnTheInstanceInterface() =>
        Assert.Equal(
            new VirtualAddressConfig(IPAddress.Parse("192.0.2.10"), 32, "eth0", null, null, AddressScope.Global, false, false, new SourceLocation(ConfigAssert.FileName, 5, 9)),
            Vip("192.0.2.10"));

    [Fact]
    public void BareIPv6_IsA128WithNoDad()
    {
        VirtualAddressConfig vip = Vip("2001:db8::10");

        Assert.Equal(128, vip.PrefixLength);
        Assert.True(vip.NoDad);
    }

    [Fact]
    public void EveryImplementedOption_IsRead()
    {
        VirtualAddressConfig vip = Vip("192.0.2.10/24 brd 192.0.2.255 dev eth1 scope link label eth1:vip no_track");

        Assert.Equal(24, vip.PrefixLength);
        Assert.Equal(IPAddress.Parse("192.0.2.255"), vip.Broadcast);
        Assert.Equal("eth1", vip.Device);
        Assert.Equal(AddressScope.Link, vip.Scope);
        Assert.Equal("eth1:vip", vip.Label);
        Assert.True(vip.NoTrack);
    }

    [Theory]
    [InlineData("+", "192.0.2.63")]
    [InlineData("-", "192.0.2.0")]
    public void BroadcastPlusAndMinus_FollowIproute2(string brd, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), Vip($"192.0.2.10/26 brd {brd}").Broadcast);

    [Theory]
    [InlineData("global", AddressScope.Global)]
    [InlineData("site", AddressScope.Site)]
    [InlineData("link", AddressScope.Link)]
    [InlineData("host", AddressScope.Host)]
    [InlineData("nowhere", AddressScope.Nowhere)]
    public void Scopes_MapToRtScopeValues(string scope, AddressScope expected) =>
        Assert.Equal(expected, Vip("192.0.2.10 scope " + scope).Scope);

    [Fact]
    public void NodadOnIPv6_IsAccepted() => Assert.True(Vip("2001:db8::10/64 -nodad").NoDad);

    [Theory]
    [InlineData("preferred_lft forever")]
    [InlineData("noprefixroute")]
    [InlineData("home")]
    public void UnimplementedOptions_AreWarnings(string option) =>
        ConfigAssert.SingleWarning(ConfigAssert.Load(ConfigAssert.Instance($"virtual_ipaddress_excluded {{\n 192.0.2.20 {option}\n}}")), "keepalived option vrrpd does not implement");

    [Fact]
    public void UseVmacOption_IsAWarningAndTheAddressIsKept()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(ConfigAssert.Instance("virtual_ipaddress_excluded {\n 192.0.2.20 use_vmac\n}"));
        ConfigAssert.SingleWarning(result, "use_vmac is not supported (no macvlan)");
        Assert.Contains(result.Configuration!.Instances[0].ExcludedAddresses, v => v.Address.ToString() == "192.0.2.20");
    }

    [Theory]
    [InlineData("192.0.2.300", 1, "'virtual_ipaddress' expects IP[/PREFIX]")]
    [InlineData("192.0.2.1/33", 1, "prefix length 0..32")]
    [InlineData("192.0.2.1 dev", 11, "'dev' in virtual_ipaddress needs a value")]
    [InlineData("192.0.2.1 scope galaxy", 17, "'scope' expects global, site, link, host or nowhere, got 'galaxy'")]
    [InlineData("192.0.2.1 brd x", 15, "'brd' expects an IPv4 address, '+' or '-', got 'x'")]
    [InlineData("192.0.2.1 wibble", 11, "unknown option 'wibble' in virtual_ipaddress")]
    public void BadAddressLines_AreReportedAtTheWord(string line, int column, string message) =>
        ConfigAssert.SingleError(ConfigAssert.Load($"vrrp_instance VI_1 {{\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {{\n{line}\n 192.0.2.2\n }}\n}}"), 5, column, message);

    [Fact]
    public void AddressWithoutInterfaceOrDev_IsAnError()
    {
        ConfigurationLoadResult result = ConfigAssert.Load("""
            vrrp_instance VI_1 {
                virtual_router_id 51
                unicast_peer {
                    192.0.2.2
                }
                virtual_ipaddress {
                    192.0.2.10
                }
            }
            """);

        ConfigAssert.SingleError(result, 7, 9, "virtual address 192.0.2.10 needs 'dev IF'");
    }

    [Fact]
    public void UnicastInstanceWithoutInterface_UsesTheDevOfEachAddress()
    {
        VrrpInstanceConfig i = Assert.Single(ConfigAssert.LoadValid("""
            vrrp_instance VI_1 {
                virtual_router_id 51
                unicast_peer {
                    192.0.2.2
                }
                virtual_ipaddress {
                    192.0.2.10 dev eth3
                }
            }
            """).Instances);

        Assert.Equal("", i.Interface);
        Assert.Equal("eth3", i.VirtualAddresses[0].Device);
    }
}
