using System.Net.Sockets;
using Vrrpd.Configuration;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Configuration;

/// <summary>The rules keepalived applies when it completes an instance (vrrp.c vrrp_complete_instance), and the
/// RFC limits that depend on the version.</summary>
public class KeepalivedRulesTests
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

    private static string V6(string body) => V6Instance.Replace("{0}", body, StringComparison.Ordinal);

    [Fact]
    public void StateMasterWithoutPriority_BecomesTheAddressOwner()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(ConfigAssert.Instance("state MASTER"));

        Assert.Equal(255, result.Configuration!.Instances[0].Priority);
        Assert.False(result.Configuration.Instances[0].PriorityWasSet);
        ConfigAssert.SingleWarning(result, "priority is 255 (address owner)");
    }

    [Fact]
    public void StateMasterWithPriority_KeepsThePriority() =>
        Assert.Equal(150, ConfigAssert.LoadInstance("state MASTER\npriority 150").Priority);

    [Theory]
    [InlineData("state MASTER\npriority 150\nnopreempt", "'state MASTER'")]
    [InlineData("priority 255\nnopreempt", "priority 255")]
    public void Nopreempt_IsIgnoredWithAWarningUnlessStartingAsBackup(string body, string why)
    {
        ConfigurationLoadResult result = ConfigAssert.Load(ConfigAssert.Instance(body));

        Assert.True(result.Configuration!.Instances[0].Preempt);
        Diagnostic warning = ConfigAssert.SingleWarning(result, "'nopreempt' is ignored");
        Assert.Contains(why, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Version2_FractionalAdvertInt_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load(ConfigAssert.Instance("version 2\nadvert_int 0.5")), 8, 12,
            "'advert_int' for VRRPv2 must be whole seconds 1..255 (RFC 3768 §5.3.7), got '0.5'");

    [Fact]
    public void Version2_WholeSeconds_AreAccepted() =>
        Assert.Equal(TimeSpan.FromSeconds(3), ConfigAssert.LoadInstance("version 2\nadvert_int 3").AdvertisementInterval);

    [Theory]
    [InlineData("0.005")]
    [InlineData("0.015")]
    [InlineData("41")]
    [InlineData("0")]
    public void Version3_AdvertIntOutsideWholeCentiseconds_IsAnError(string value) =>
        ConfigAssert.SingleError(ConfigAssert.Load(ConfigAssert.Instance("version 3\nadvert_int " + value)), 8, 12, "'advert_int' for VRRPv3 must be 0.01..40.95 s");

    [Theory]
    [InlineData("0.01", 10)]
    [InlineData("40.95", 40950)]
    public void Version3_AdvertIntLimits_AreAccepted(string value, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ConfigAssert.LoadInstance("version 3\nadvert_int " + value).AdvertisementInterval);

    [Fact]
    public void AdvertIntBeforeVersion_IsCheckedAgainstTheFinalVersion() =>
        ConfigAssert.SingleError(ConfigAssert.Load(ConfigAssert.Instance("advert_int 0.5\nversion 2")), 7, 12, "VRRPv2");

    [Fact]
    public void IPv6Instance_IsVersion3EvenWhenTheGlobalDefaultIs2()
    {
        VrrpdConfiguration config = ConfigAssert.LoadValid("global_defs {\n vrrp_version 2\n}\n" + V6(""));

        VrrpInstanceConfig i = Assert.Single(config.Instances);
        Assert.Equal(VrrpVersion.V3, i.Version);
        Assert.Equal(AddressFamily.InterNetworkV6, i.Family);
    }

    [Fact]
    public void IPv6WithExplicitVersion2_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load(V6("version 2")), 7, 9, "VRRPv2 is IPv4 only (RFC 3768)");

    [Fact]
    public void AuthenticationWithExplicitVersion3_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load(ConfigAssert.Instance("version 3\nauthentication {\n auth_type PASS\n auth_pass x\n}")), 8, 1,
            "RFC 5798 removed authentication from VRRPv3");

    [Fact]
    public void AuthenticationWithGlobalVersion3_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load("global_defs {\n vrrp_version 3\n}\n" + ConfigAssert.Instance("authentication {\n auth_type PASS\n auth_pass x\n}")), 10, 1,
            "'authentication' with 'vrrp_version 3'");

    [Fact]
    public void AuthenticationWithNoVersionAnywhere_IsVersion2WithoutAWarning()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(ConfigAssert.Instance("authentication {\n auth_type PASS\n auth_pass x\n}"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(VrrpVersion.V2, result.Configuration!.Instances[0].Version);
        Assert.NotNull(result.Configuration.Instances[0].Authentication);
    }

    [Fact]
    public void AuthenticationWithGlobalVersion2_IsSilent()
    {
        ConfigurationLoadResult result = ConfigAssert.Load("global_defs {\n vrrp_version 2\n}\n" + ConfigAssert.Instance("authentication {\n auth_type PASS\n auth_pass x\n}"));

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Configuration!.Instances[0].Authentication);
    }

    [Fact]
    public void AuthenticationOnIPv6_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load(V6("authentication {\n auth_type PASS\n auth_pass x\n}")), 7, 1, "IPv6 needs VRRPv3");

    [Fact]
    public void AuthTypeAH_IsRefused() =>
        ConfigAssert.SingleError(ConfigAssert.Load(ConfigAssert.Instance("version 2\nauthentication {\n auth_type AH\n auth_pass x\n}")), 9, 12, "'auth_type AH' is not supported");

    [Fact]
    public void AuthPassLongerThan8Bytes_IsTruncatedWithAWarning()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(ConfigAssert.Instance("version 2\nauthentication {\n auth_type PASS\n auth_pass 0123456789\n}"));

        Assert.Equal("01234567"u8.ToArray(), result.Configuration!.Instances[0].Authentication!.Password);
        Diagnostic warning = ConfigAssert.SingleWarning(result, "only the first 8 are used");
        Assert.Equal(new SourceLocation(ConfigAssert.FileName, 10, 12), warning.Location);
    }

    [Fact]
    public void AddressOwner_TracksInterfacesUnweighted()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(ConfigAssert.Instance("priority 255\ntrack_interface {\n eth1 weight -50\n}"));

        Assert.Equal(0, result.Configuration!.Instances[0].TrackInterfaces[0].Weight);
        ConfigAssert.SingleWarning(result, "weight -50 ignored because the priority is 255");
    }

    [Fact]
    public void MixedFamiliesInVirtualIpaddress_IsAnErrorAtTheOddAddress()
    {
        ConfigurationLoadResult result = ConfigAssert.Load("""
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                virtual_ipaddress {
                    192.0.2.10/24
                    2001:db8::10/64
                }
            }
            """);

        ConfigAssert.SingleError(result, 6, 9, "virtual_ipaddress mixes IPv4 and IPv6");
    }

    [Fact]
    public void ExcludedAddresses_MayMixFamilies()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadInstance("virtual_ipaddress_excluded {\n 2001:db8::1/64\n 198.51.100.1/24\n}");

        Assert.Equal(AddressFamily.InterNetwork, i.Family);
        Assert.Equal(2, i.ExcludedAddresses.Count);
    }

    [Fact]
    public void UnicastPeerOfTheOtherFamily_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load(ConfigAssert.Instance("unicast_peer {\n 2001:db8::2\n}")), 8, 2, "unicast_peer 2001:db8::2 is IPv6 but the instance is IPv4");
}
