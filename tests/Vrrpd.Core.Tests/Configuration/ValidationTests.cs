using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

public class ValidationTests
{
    private static string Instance(string name, string body) => $$"""
        vrrp_instance {{name}} {
        {{body}}
        }

        """;

    private const string Vip = "virtual_ipaddress {\n 192.0.2.10\n}";

    [Fact]
    public void MissingVirtualRouterId_IsAnErrorAtTheInstance() =>
        ConfigAssert.SingleError(ConfigAssert.Load(Instance("VI_1", "interface eth0\n" + Vip)), 1, 1,
            "vrrp_instance VI_1 has no 'virtual_router_id' (required, 1..255)");

    [Fact]
    public void MissingInterface_IsAnErrorUnlessUnicastPeersAreSet() =>
        ConfigAssert.SingleError(ConfigAssert.Load(Instance("VI_1", "virtual_router_id 5\nvirtual_ipaddress {\n 192.0.2.10 dev eth0\n}")), 1, 1,
            "has no 'interface' (required unless 'unicast_peer' is set)");

    [Fact]
    public void Version3WithoutVirtualAddresses_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load(Instance("VI_1", "interface eth0\nvirtual_router_id 5\nversion 3")), 1, 1,
            "a VRRPv3 instance needs at least one");

    [Fact]
    public void Version2WithoutVirtualAddresses_IsAWarning() =>
        ConfigAssert.SingleWarning(ConfigAssert.Load(Instance("VI_1", "interface eth0\nvirtual_router_id 5\nversion 2")), "has no 'virtual_ipaddress'");

    [Fact]
    public void DuplicateInstanceName_IsAnErrorAtTheSecond() =>
        ConfigAssert.SingleError(ConfigAssert.Load(
            Instance("VI_1", "interface eth0\nvirtual_router_id 5\n" + Vip) + Instance("VI_1", "interface eth1\nvirtual_router_id 6\n" + Vip)), 8, 1,
            "vrrp_instance VI_1 is defined twice (first at /etc/vrrpd/test.conf:1:1)");

    [Fact]
    public void SameInterfaceVridAndFamily_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load(
            Instance("VI_1", "interface eth0\nvirtual_router_id 5\n" + Vip) + Instance("VI_2", "interface eth0\nvirtual_router_id 5\nvirtual_ipaddress {\n 192.0.2.11\n}")), 8, 1,
            "vrrp_instance VI_2 uses virtual_router_id 5 for IPv4 on 'eth0' like vrrp_instance VI_1");

    [Fact]
    public void SameVridForTheOtherFamily_IsAllowed()
    {
        VrrpdConfiguration config = ConfigAssert.LoadValid(
            Instance("VI_4", "interface eth0\nvirtual_router_id 5\n" + Vip) + Instance("VI_6", "interface eth0\nvirtual_router_id 5\nvirtual_ipaddress {\n 2001:db8::10\n}"));

        Assert.Equal(2, config.Instances.Count);
    }

    [Fact]
    public void SyncGroup_ListsItsMembers()
    {
        VrrpdConfiguration config = ConfigAssert.LoadValid(
            Instance("VI_1", "interface eth0\nvirtual_router_id 5\n" + Vip) + Instance("VI_2", "interface eth1\nvirtual_router_id 6\n" + Vip) + """
            vrrp_sync_group G1 {
                group { VI_1
                    VI_2 }
                notify_master "/bin/group.sh master"
                notify "/bin/group.sh"
            }
            """);

        SyncGroupConfig group = Assert.Single(config.SyncGroups);
        Assert.Equal("G1", group.Name);
        Assert.Equal(["VI_1", "VI_2"], group.Members);
        Assert.Equal(["/bin/group.sh", "master"], group.Notify.Master!.Argv);
        Assert.Equal(["/bin/group.sh"], group.Notify.Generic!.Argv);
        Assert.Equal(new SourceLocation(ConfigAssert.FileName, 15, 1), group.Location);
    }

    [Fact]
    public void SyncGroupMemberThatDoesNotExist_IsLeftOut_WithAWarningAtTheName_AsKeepalivedDoes()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(
            Instance("VI_1", "interface eth0\nvirtual_router_id 5\n" + Vip) + Instance("VI_2", "interface eth1\nvirtual_router_id 6\n" + Vip)
            + "vrrp_sync_group G1 {\n group {\n  VI_1\n  VI_9\n  VI_2\n }\n}");

        Diagnostic warning = ConfigAssert.SingleWarning(result, "there is no vrrp_instance VI_9");
        Assert.Equal($"{ConfigAssert.FileName}:18:3: warning: vrrp_sync_group G1: there is no vrrp_instance VI_9; left out of the group, as keepalived leaves it out", warning.ToString());
        Assert.Equal(["VI_1", "VI_2"], Assert.Single(result.Configuration!.SyncGroups).Members);
    }

    [Fact]
    public void SyncGroupWhoseMembersAllDoNotExist_IsIgnored() =>
        Assert.Empty(ConfigAssert.LoadValid(Instance("VI_1", "interface eth0\nvirtual_router_id 5\n" + Vip) + "vrrp_sync_group G1 {\n group {\n  VI_8\n  VI_9\n }\n}").SyncGroups);

    [Fact]
    public void InstanceInTwoSyncGroups_IsAnErrorAtEachRepeat()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(
            Instance("VI_1", "interface eth0\nvirtual_router_id 5\n" + Vip) + Instance("VI_2", "interface eth1\nvirtual_router_id 6\n" + Vip)
            + "vrrp_sync_group G1 {\n group { VI_1 VI_2 }\n}\nvrrp_sync_group G2 {\n group { VI_2 VI_1 }\n}");

        Assert.Equal(
            [
                "/etc/vrrpd/test.conf:19:10: error: vrrp_instance VI_2 is already in vrrp_sync_group G1; an instance belongs to one group only",
                "/etc/vrrpd/test.conf:19:15: error: vrrp_instance VI_1 is already in vrrp_sync_group G1; an instance belongs to one group only",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void SyncGroupWithBareNames_IsIgnoredLikeKeepalivedDoes()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(
            Instance("VI_1", "interface eth0\nvirtual_router_id 5\n" + Vip) + "vrrp_sync_group G1 {\n VI_1\n}");

        Assert.Empty(result.Configuration!.SyncGroups);
        ConfigAssert.SingleWarning(result, "instance names belong inside 'group { }'");
        ConfigAssert.SingleWarning(result, "has no members");
    }

    [Fact]
    public void MissingInterfaces_AreWarningsWhenTheHostCanBeAsked()
    {
        var options = new ConfigurationLoadOptions { ConfigId = "x", InterfaceExists = name => name == "eth0" };
        ConfigurationLoadResult result = ConfigAssert.Load(
            Instance("VI_1", "interface eth9\nvirtual_router_id 5\nvirtual_ipaddress {\n 192.0.2.10 dev eth0\n 192.0.2.11\n}\ntrack_interface {\n eth7\n}"), options);

        Assert.False(result.HasErrors);
        Assert.Equal(
            [
                "/etc/vrrpd/test.conf:1:1: warning: interface eth9 does not exist on this machine; the instance stays in Fault until it appears",
                "/etc/vrrpd/test.conf:9:2: warning: interface eth7 does not exist on this machine; the instance stays in Fault until it appears",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void WithErrors_ThereIsNoConfigurationButEveryDiagnosticIsKept()
    {
        ConfigurationLoadResult result = ConfigAssert.Load("global_defs {\n vrrp_strict\n bogus\n}");

        Assert.True(result.HasErrors);
        Assert.Null(result.Configuration);
        Assert.Equal([DiagnosticSeverity.Warning, DiagnosticSeverity.Error], result.Diagnostics.Select(d => d.Severity));
    }
}
