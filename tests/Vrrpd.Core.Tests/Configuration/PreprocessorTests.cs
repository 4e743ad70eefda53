using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>keepalived's @ID conditional lines and $NAME parameters.</summary>
public class PreprocessorTests
{
    private const string Conditional = """
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
        @high    priority 170
        @low     priority 85
        @^high   advert_int 2
            virtual_ipaddress {
                192.0.2.10
            }
        }
        """;

    private static VrrpInstanceConfig LoadAs(string configId) =>
        Assert.Single(ConfigAssert.LoadValid(Conditional, new ConfigurationLoadOptions { ConfigId = configId }).Instances);

    [Fact]
    public void ConditionalLine_IsKeptOnlyForItsConfigId()
    {
        Assert.Equal(170, LoadAs("high").Priority);
        Assert.Equal(85, LoadAs("low").Priority);
    }

    [Fact]
    public void NegatedConditionalLine_IsKeptForEveryOtherConfigId()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), LoadAs("high").AdvertisementInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), LoadAs("low").AdvertisementInterval);
    }

    [Fact]
    public void ConditionalLine_KeepsItsColumns()
    {
        ConfigurationLoadResult result = ConfigAssert.Load("@node1 global_defs {\n@node1     vrrp_version 9\n}");

        ConfigAssert.SingleError(result, 2, 25, "'vrrp_version' expects 2 or 3, got '9'");
    }

    [Fact]
    public void DefaultConfigId_IsTheFirstLabelOfTheHostName() =>
        Assert.Equal(Environment.MachineName.Split('.')[0], ConfigurationLoader.DefaultConfigId());

    [Fact]
    public void Parameters_AreSubstitutedInBothForms()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadInstance("""
            $PRIO=150
            $IF=eth1
            priority $PRIO
            track_interface {
                ${IF} weight -${PRIO}0
            }
            """.Replace("-${PRIO}0", "-${W}", StringComparison.Ordinal).Replace("$IF=eth1", "$IF=eth1\n$W=50", StringComparison.Ordinal));

        Assert.Equal(150, i.Priority);
        Assert.Equal(("eth1", -50), (i.TrackInterfaces[0].Name, i.TrackInterfaces[0].Weight));
    }

    [Fact]
    public void Parameters_ExpandRecursivelyAtUseTime()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadInstance("$A=${B}\n$B=120\npriority $A");

        Assert.Equal(120, i.Priority);
    }

    [Fact]
    public void UndefinedParameter_IsLeftAsWritten()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadInstance("notify_master \"/bin/x $HOME ${NOPE}\"");

        Assert.Equal(["/bin/x", "$HOME", "${NOPE}"], i.Notify.Master!.Argv);
    }

    [Fact]
    public void DollarNameFollowedByOtherText_IsNotSubstituted()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadInstance("$P=1\nnotify_master \"/bin/x $P.sh\"");

        Assert.Equal(["/bin/x", "$P.sh"], i.Notify.Master!.Argv);
    }

    [Fact]
    public void MultiLineParameter_ExpandsToSeveralLines()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadInstance("""
            $VIPS=virtual_ipaddress_excluded { \
                198.51.100.1 \
                198.51.100.2 \
            }
            $VIPS
            """);

        Assert.Equal(2, i.ExcludedAddresses.Count);
    }

    [Fact]
    public void ConditionalParameterDefinition_AppliesOnlyToItsConfigId()
    {
        const string text = "@a $P=200\n@^a $P=50\n" + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n priority $P\n virtual_ipaddress {\n 192.0.2.1\n }\n}";

        Assert.Equal(200, ConfigAssert.LoadValid(text, new ConfigurationLoadOptions { ConfigId = "a" }).Instances[0].Priority);
        Assert.Equal(50, ConfigAssert.LoadValid(text, new ConfigurationLoadOptions { ConfigId = "b" }).Instances[0].Priority);
    }

    [Fact]
    public void UnderscoreParameterName_IsDefinedWithAWarning_AsKeepalivedAllows()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(ConfigAssert.Instance("  $_PRIO=120\n  priority $_PRIO"));

        ConfigAssert.SingleWarning(result, "names starting with '_' are reserved to keepalived; '$_PRIO' is defined anyway");
        Assert.Equal(120, Assert.Single(result.Configuration!.Instances).Priority);
    }
}
