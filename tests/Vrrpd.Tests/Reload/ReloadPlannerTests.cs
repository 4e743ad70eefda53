using Vrrpd.Configuration;
using Vrrpd.Daemon.Reload;

namespace Vrrpd.Tests.Reload;

/// <summary>The reload policy as a pure plan: what restarts, what is taken in place, what is refused.</summary>
public sealed class ReloadPlannerTests
{
    private static VrrpdConfiguration Load(string text)
    {
        var result = ConfigurationLoader.LoadText(text, "vrrpd.conf", new ConfigurationLoadOptions { InterfaceExists = _ => true });
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Configuration!;
    }

    private static string Instance(string name, int vrid, int priority = 100, string vip = "192.0.2.100/24", string extra = "") => $$"""
        vrrp_instance {{name}} {
            interface eth0
            virtual_router_id {{vrid}}
            version 3
            priority {{priority}}
            advert_int 1
            {{extra}}
            virtual_ipaddress {
                {{vip}}
            }
        }

        """;

    private static ReloadPlan Plan(string before, string after)
    {
        var running = Load(before);
        return ReloadPlanner.Plan(running, running.Instances, Load(after));
    }

    [Fact]
    public void TheSameFile_ChangesNothing()
    {
        var text = Instance("VI_1", 51) + Instance("VI_2", 52);
        var plan = Plan(text, text);
        Assert.Null(plan.Refusal);
        Assert.Empty(plan.Restart);
        Assert.Empty(plan.AddressesOnly);
        Assert.Empty(plan.Removed);
        Assert.Empty(plan.Added);
        Assert.Empty(plan.RebuiltSyncGroups);
        Assert.Empty(plan.GlobalChanges);
    }

    [Fact]
    public void OnlyTheAddresses_AreTakenInPlace_WithoutARestart()
    {
        var plan = Plan(Instance("VI_1", 51), Instance("VI_1", 51, vip: "192.0.2.101/24"));
        Assert.Empty(plan.Restart);
        Assert.Equal("192.0.2.101", Assert.Single(plan.AddressesOnly).VirtualAddresses.Single().Address.ToString());
    }

    [Fact]
    public void APriorityChange_RestartsThatInstanceOnly()
    {
        var plan = Plan(Instance("VI_1", 51) + Instance("VI_2", 52), Instance("VI_1", 51, priority: 150) + Instance("VI_2", 52));
        Assert.Equal(["VI_1"], plan.Restart);
        Assert.Empty(plan.AddressesOnly);
    }

    [Fact]
    public void AnInstanceAddedAndOneRemoved_AreNamed()
    {
        var plan = Plan(Instance("VI_1", 51) + Instance("VI_2", 52), Instance("VI_1", 51) + Instance("VI_3", 53));
        Assert.Equal(["VI_2"], plan.Removed);
        Assert.Equal(["VI_3"], plan.Added);
        Assert.Empty(plan.Restart);
    }

    [Fact]
    public void ASyncGroupWhoseMemberRestarts_IsRebuilt_AndItsOtherMembersRestartToo()
    {
        const string group = """
            vrrp_sync_group G1 {
                group {
                    VI_1
                    VI_2
                }
            }

            """;
        var plan = Plan(group + Instance("VI_1", 51) + Instance("VI_2", 52, vip: "192.0.2.102/24"),
            group + Instance("VI_1", 51, priority: 150) + Instance("VI_2", 52, vip: "192.0.2.103/24"));
        Assert.Equal("G1", Assert.Single(plan.RebuiltSyncGroups).Name);
        Assert.Equal(["VI_1", "VI_2"], plan.Restart.Order());
        Assert.Empty(plan.AddressesOnly);   // VI_2 restarts whole with the group, not in place
    }

    [Fact]
    public void AGlobalReadOnlyAtStart_IsReportedAsNeedingARestart()
    {
        var plan = Plan("global_defs {\n    metrics_listen 127.0.0.1:9650\n}\n" + Instance("VI_1", 51),
            "global_defs {\n    metrics_listen 127.0.0.1:9651\n}\n" + Instance("VI_1", 51));
        Assert.Equal(["metrics_listen changed: applies at the next restart"], plan.GlobalChanges);
    }

    [Fact]
    public void AChangeOfQuorumOwnership_IsRefused()
    {
        static string Ownership(int ttl) => $$"""
            vrrp_ownership etcd {
                etcd_endpoints http://192.0.2.1:2379
                lease_ttl {{ttl}}
            }

            """;
        var plan = Plan(Ownership(5) + Instance("VI_1", 51, extra: "ownership etcd"), Ownership(10) + Instance("VI_1", 51, extra: "ownership etcd"));
        Assert.Contains("restart vrrpd", plan.Refusal, StringComparison.Ordinal);

        var unchanged = Plan(Ownership(5) + Instance("VI_1", 51, extra: "ownership etcd"), Ownership(5) + Instance("VI_1", 51, extra: "ownership etcd"));
        Assert.Null(unchanged.Refusal);
    }
}
