using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>vrrp_ownership and the ownership line of vrrp_instance and vrrp_sync_group (docs/design/ownership.md §2).</summary>
public class OwnershipConfigTests
{
    private const string Quorum = "vrrp_ownership quorum {\n etcd_endpoints http://192.0.2.1:2379\n}\n";

    [Fact]
    public void Ownership_Defaults_TenSecondLease_UnderSlashVrrpd()
    {
        OwnershipConfig o = Assert.Single(ConfigAssert.LoadValid(Quorum).Ownerships);

        Assert.Equal("quorum", o.Name);
        Assert.Equal([new Uri("http://192.0.2.1:2379/")], o.Endpoints);
        Assert.Equal(TimeSpan.FromSeconds(10), o.LeaseTtl);
        Assert.Equal("/vrrpd/", o.KeyPrefix);
        Assert.Equal(new SourceLocation(ConfigAssert.FileName, 1, 1), o.Location);
    }

    [Fact]
    public void Ownership_EveryKeyword_IsRead_AndEndpointsAddUpOverLines()
    {
        OwnershipConfig o = Assert.Single(ConfigAssert.LoadValid("""
            vrrp_ownership quorum {
                etcd_endpoints http://192.0.2.1:2379 https://etcd-b.example:2379/
                etcd_endpoints http://[2001:db8::3]:2379
                lease_ttl 5
                key_prefix /site-a/vrrpd/
            }
            """).Ownerships);

        Assert.Equal(
            [new Uri("http://192.0.2.1:2379/"), new Uri("https://etcd-b.example:2379/"), new Uri("http://[2001:db8::3]:2379/")],
            o.Endpoints);
        Assert.Equal(TimeSpan.FromSeconds(5), o.LeaseTtl);
        Assert.Equal("/site-a/vrrpd/", o.KeyPrefix);
    }

    [Fact]
    public void Ownership_SameEndpointTwice_IsUsedOnceWithAWarning()
    {
        ConfigurationLoadResult result = ConfigAssert.Load("vrrp_ownership q {\n etcd_endpoints http://192.0.2.1:2379 http://192.0.2.1:2379/\n}");

        ConfigAssert.SingleWarning(result, "'etcd_endpoints' http://192.0.2.1:2379/ is listed twice in vrrp_ownership q");
        Assert.Single(Assert.Single(result.Configuration!.Ownerships).Endpoints);
    }

    [Theory]
    [InlineData("etcd_endpoints", 2, 2, "'etcd_endpoints' expects one or more etcd client URLs")]
    [InlineData("etcd_endpoints 192.0.2.1:2379", 2, 17, "'etcd_endpoints' expects an etcd client URL http://HOST:PORT or https://HOST:PORT, got '192.0.2.1:2379'")]
    [InlineData("etcd_endpoints grpc://192.0.2.1:2379", 2, 17, "got 'grpc://192.0.2.1:2379'")]
    [InlineData("etcd_endpoints http://192.0.2.1:2379 unix:///run/etcd.sock", 2, 39, "got 'unix:///run/etcd.sock'")]
    [InlineData("etcd_endpoints http://192.0.2.1", 2, 17, "'etcd_endpoints' http://192.0.2.1 has no port; write it")]
    [InlineData("etcd_endpoints http://192.0.2.1:2379/v3", 2, 17, "with no user, path or query, got 'http://192.0.2.1:2379/v3'")]
    [InlineData("etcd_endpoints http://u:p@192.0.2.1:2379", 2, 17, "with no user, path or query")]
    [InlineData("etcd_endpoints http://192.0.2.1:2379?x=1", 2, 17, "with no user, path or query")]
    [InlineData("etcd_endpoints http://192.0.2.1:99999", 2, 17, "'etcd_endpoints' expects an etcd client URL")]
    [InlineData("etcd_endpoints http://192.0.2.1:", 2, 17, "with no user, path or query")]
    [InlineData("lease_ttl 4", 2, 12, "'lease_ttl' expects an integer 5..3600, got '4'")]
    [InlineData("lease_ttl 3601", 2, 12, "'lease_ttl' expects an integer 5..3600, got '3601'")]
    [InlineData("lease_ttl 7.5", 2, 12, "'lease_ttl' expects an integer 5..3600, got '7.5'")]
    [InlineData("lease_ttl", 2, 2, "'lease_ttl' expects whole seconds 5..3600")]
    [InlineData("lease_ttl 10 20", 2, 15, "unexpected '20'")]
    [InlineData("key_prefix vrrpd/", 2, 13, "'key_prefix' expects printable ASCII that starts and ends with '/'")]
    [InlineData("key_prefix /vrrpd", 2, 13, "got '/vrrpd'")]
    [InlineData("key_prefix \"/vr rpd/\"", 2, 13, "got '/vr rpd/'")]
    [InlineData("lease 10", 2, 2, "unknown keyword 'lease' in vrrp_ownership")]
    public void Ownership_BadValue_IsAnErrorAtItsPosition(string line, int row, int column, string fragment) =>
        ConfigAssert.SingleError(ConfigAssert.Load($"vrrp_ownership q {{\n {line}\n etcd_endpoints http://192.0.2.9:2379\n}}"), row, column, fragment);

    [Fact]
    public void Ownership_WithoutEndpoints_IsAnErrorAtTheBlock() =>
        ConfigAssert.SingleError(ConfigAssert.Load("\nvrrp_ownership q {\n lease_ttl 5\n}"), 2, 1, "vrrp_ownership q has no 'etcd_endpoints'");

    [Fact]
    public void Ownership_WithoutName_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load("vrrp_ownership {\n etcd_endpoints http://192.0.2.1:2379\n}"), 1, 1, "'vrrp_ownership' expects a name and a { } block");

    [Fact]
    public void Ownership_DefinedTwice_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load(Quorum + Quorum), 4, 1, "vrrp_ownership quorum is defined twice (first at /etc/vrrpd/test.conf:1:1)");

    [Fact]
    public void Instance_Ownership_BecomesAClaimOnItsOwnKey()
    {
        VrrpdConfiguration config = ConfigAssert.LoadValid(Quorum + ConfigAssert.Instance("ownership quorum"));

        Assert.Equal("quorum", config.Instances[0].Ownership);
        OwnershipClaimConfig claim = Assert.Single(config.OwnershipClaims);
        Assert.Equal(OwnershipScope.Instance, claim.Scope);
        Assert.Equal("VI_1", claim.Name);
        Assert.Equal("/vrrpd/instance/VI_1", claim.Key);
        Assert.Same(config.Ownerships[0], claim.Ownership);
        Assert.Equal(["VI_1"], claim.Instances);
        Assert.Same(claim, config.ClaimOf("VI_1"));
    }

    [Fact]
    public void Instance_WithoutOwnership_HasNoClaim()
    {
        VrrpdConfiguration config = ConfigAssert.LoadValid(Quorum + ConfigAssert.Instance(""));

        Assert.Null(config.Instances[0].Ownership);
        Assert.Empty(config.OwnershipClaims);
        Assert.Null(config.ClaimOf("VI_1"));
    }

    [Fact]
    public void SyncGroup_Ownership_ClaimsEveryMemberThroughOneKey()
    {
        VrrpdConfiguration config = ConfigAssert.LoadValid(Quorum + TwoInstances("", "") + """

            vrrp_sync_group GPU {
                group {
                    VI_1
                    VI_2
                }
                ownership quorum
            }
            """);

        Assert.Equal("quorum", Assert.Single(config.SyncGroups).Ownership);
        OwnershipClaimConfig claim = Assert.Single(config.OwnershipClaims);
        Assert.Equal(OwnershipScope.SyncGroup, claim.Scope);
        Assert.Equal("/vrrpd/sync_group/GPU", claim.Key);
        Assert.Equal(["VI_1", "VI_2"], claim.Instances);
        Assert.Same(claim, config.ClaimOf("VI_2"));
    }

    [Fact]
    public void KeyPrefix_IsUsedForTheClaimsKey() =>
        Assert.Equal("/dc1/instance/VI_1", Assert.Single(ConfigAssert.LoadValid(
            "vrrp_ownership q {\n etcd_endpoints http://192.0.2.1:2379\n key_prefix /dc1/\n}\n" + ConfigAssert.Instance("ownership q")).OwnershipClaims).Key);

    [Fact]
    public void Instance_NamingAnUndefinedOwnership_IsAnErrorAtTheName()
    {
        // Quorum is 3 lines; the instance's body line "ownership nothere" is line 10 of the file, its name at column 11.
        ConfigAssert.SingleError(ConfigAssert.Load(Quorum + ConfigAssert.Instance("ownership nothere")), 10, 11,
            "'ownership nothere' in vrrp_instance VI_1: there is no vrrp_ownership nothere");
    }

    [Fact]
    public void SyncGroup_NamingAnUndefinedOwnership_IsAnErrorAtTheName() =>
        ConfigAssert.SingleError(ConfigAssert.Load(TwoInstances("", "") + "\nvrrp_sync_group G {\n group {\n VI_1\n }\n ownership nothere\n}"), 21, 12,
            "'ownership nothere' in vrrp_sync_group G: there is no vrrp_ownership nothere");

    [Fact]
    public void Ownership_NamingABlockThatHadErrors_ReportsOnlyTheBlocksError() =>
        ConfigAssert.SingleError(ConfigAssert.Load("vrrp_ownership q {\n}\n" + ConfigAssert.Instance("ownership q")), 1, 1, "vrrp_ownership q has no 'etcd_endpoints'");

    [Fact]
    public void Instance_InASyncGroup_WithItsOwnOwnership_IsAnError()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(Quorum + TwoInstances("ownership quorum", "") + "\nvrrp_sync_group G {\n group {\n VI_1\n VI_2\n }\n ownership quorum\n}");

        Diagnostic error = ConfigAssert.SingleError(result, 10, 15, "vrrp_instance VI_1 is in vrrp_sync_group G (/etc/vrrpd/test.conf:");
        Assert.EndsWith("); write 'ownership' on the group, which claims all its members together", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Instance_InASyncGroupWithoutOwnership_WithItsOwn_IsAnErrorToo() =>
        ConfigAssert.SingleError(ConfigAssert.Load(Quorum + TwoInstances("", "ownership quorum") + "\nvrrp_sync_group G {\n group {\n VI_1\n VI_2\n }\n}"), 18, 15,
            "vrrp_instance VI_2 is in vrrp_sync_group G");

    [Fact]
    public void Ownership_WrittenTwice_IsAnErrorAtTheSecond() =>
        ConfigAssert.SingleError(ConfigAssert.Load(Quorum + ConfigAssert.Instance("ownership quorum\n ownership quorum")), 11, 12,
            "'ownership' is written twice in vrrp_instance VI_1 (first at /etc/vrrpd/test.conf:10:11)");

    [Theory]
    [InlineData("ownership", 10, 1, "'ownership' expects the name of a vrrp_ownership block")]
    [InlineData("ownership a b", 10, 13, "unexpected 'b'")]
    public void Instance_OwnershipLineOfTheWrongShape_IsAnError(string line, int row, int column, string fragment) =>
        ConfigAssert.SingleError(ConfigAssert.Load(Quorum + ConfigAssert.Instance(line)), row, column, fragment);

    [Fact]
    public void Ownership_IsATopLevelKeyword_AndAnInstanceAndSyncGroupKeyword()
    {
        Assert.Contains("vrrp_ownership", ConfigurationKeywords.TopLevel);
        Assert.Contains("ownership", ConfigurationKeywords.Instance);
        Assert.Contains("ownership", ConfigurationKeywords.SyncGroup);
    }

    private static string TwoInstances(string first, string second) => $$"""
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            virtual_ipaddress {
                192.0.2.10/24
            }
            {{first}}
        }
        vrrp_instance VI_2 {
            interface eth0
            virtual_router_id 52
            virtual_ipaddress {
                192.0.2.20/24
            }
            {{second}}
        }
        """;
}
