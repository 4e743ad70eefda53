using Vrrpd.Configuration;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Configuration;

/// <summary>With no <c>version</c> and no <c>vrrp_version</c>, an instance speaks what keepalived would speak with the
/// same file (v2 for IPv4, v3 for IPv6), so one host of a keepalived pair can move to vrrpd without a second Master.</summary>
public class VersionDefaultTests
{
    private const string V6Instance = """
        vrrp_instance VI_6 {
            interface eth0
            virtual_router_id 51
            virtual_ipaddress {
                2001:db8::10/64
            }
        {0}
        }
        """;

    private const string GlobalVersion3 = "global_defs {\n vrrp_version 3\n}\n";

    private static string V6(string body) => V6Instance.Replace("{0}", body, StringComparison.Ordinal);

    [Fact]
    public void IPv4InstanceWithNoVersionAnywhere_SpeaksVersion2AsKeepalivedDoes()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(ConfigAssert.Instance("priority 150\nadvert_int 1"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(VrrpVersion.V2, Assert.Single(result.Configuration!.Instances).Version);
    }

    [Fact]
    public void IPv6InstanceWithNoVersionAnywhere_SpeaksVersion3AsKeepalivedDoes()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(V6("advert_int 0.5"));

        Assert.Empty(result.Diagnostics);
        VrrpInstanceConfig instance = Assert.Single(result.Configuration!.Instances);
        Assert.Equal(VrrpVersion.V3, instance.Version);
        Assert.Equal(TimeSpan.FromMilliseconds(500), instance.AdvertisementInterval);
    }

    [Fact]
    public void GlobalVrrpVersion3_AppliesToIPv4InstancesWithoutVersion() =>
        Assert.Equal(VrrpVersion.V3, Assert.Single(ConfigAssert.LoadValid(GlobalVersion3 + ConfigAssert.Instance("")).Instances).Version);

    [Theory]
    [InlineData("0.5")]
    [InlineData("1.5")]
    [InlineData("0.05")]
    public void FractionalAdvertIntWithNoVersionAnywhere_IsAnErrorThatSaysHowToFixIt(string value)
    {
        Diagnostic error = ConfigAssert.SingleError(ConfigAssert.Load(ConfigAssert.Instance("advert_int " + value)), 7, 12,
            $"'advert_int {value}' is not whole seconds, but vrrp_instance VI_1 speaks VRRPv2");

        Assert.Contains("add 'version 3' to the instance or 'vrrp_version 3' to global_defs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FractionalAdvertIntWithGlobalVrrpVersion3_IsAccepted() =>
        Assert.Equal(TimeSpan.FromMilliseconds(100),
            Assert.Single(ConfigAssert.LoadValid(GlobalVersion3 + ConfigAssert.Instance("advert_int 0.1")).Instances).AdvertisementInterval);

    [Fact]
    public void FractionalAdvertIntWithInstanceVersion3_IsAccepted() =>
        Assert.Equal(TimeSpan.FromMilliseconds(100), ConfigAssert.LoadInstance("version 3\nadvert_int 0.1").AdvertisementInterval);

    [Fact]
    public void FractionalAdvertIntWithGlobalVrrpVersion2_IsTheVersion2RangeError() =>
        ConfigAssert.SingleError(ConfigAssert.Load("global_defs {\n vrrp_version 2\n}\n" + ConfigAssert.Instance("advert_int 0.5")), 10, 12,
            "'advert_int' for VRRPv2 must be whole seconds 1..255 (RFC 3768 §5.3.7), got '0.5'; use version 3");
}
