using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>A file whose <c>@ID</c> lines give priorities or peers to some hosts only must not load on another host
/// as a valid instance with the default priority: it would elect itself Master next to the real pair.</summary>
public class ConditionalLineValidatorTests
{
    private const string PairPriorities = """
        vrrp_instance VI_1 {
            state BACKUP
            interface eth0
            virtual_router_id 51
        @gpu-node-a priority 150
        @gpu-node-b priority 100
            advert_int 1
            virtual_ipaddress {
                192.0.2.100/24
            }
        }
        """;

    private const string PairPeers = """
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            priority 100
            unicast_peer {
                @gpu-node-a 192.0.2.12
                @gpu-node-b 192.0.2.11
            }
            virtual_ipaddress {
                192.0.2.100/24
            }
        }
        """;

    private static ConfigurationLoadResult LoadAs(string text, string configId) =>
        ConfigAssert.Load(text, new ConfigurationLoadOptions { ConfigId = configId });

    [Theory]
    [InlineData("gpu-node-a", 150)]
    [InlineData("gpu-node-b", 100)]
    public void PriorityForThisHost_LoadsClean(string configId, int priority)
    {
        ConfigurationLoadResult result = LoadAs(PairPriorities, configId);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(priority, Assert.Single(result.Configuration!.Instances).Priority);
    }

    [Fact]
    public void AllPriorityLinesConditionalAndNoneForThisHost_IsAnErrorAtTheInstance()
    {
        Diagnostic error = ConfigAssert.SingleError(LoadAs(PairPriorities, "gpu-node-c"), 1, 1, "vrrp_instance VI_1 has no priority");

        Assert.Equal(
            "vrrp_instance VI_1 has no priority for config id 'gpu-node-c': its priority lines are all conditional (@gpu-node-a, @gpu-node-b); add one for this host or an unconditional default",
            error.Message);
    }

    [Fact]
    public void UnconditionalPriorityWithConditionalOverrides_LoadsOnEveryHost()
    {
        string text = PairPriorities.Replace("    state BACKUP\n", "    state BACKUP\n    priority 50\n", StringComparison.Ordinal);

        Assert.Equal(50, Assert.Single(ConfigAssert.LoadValid(text, new ConfigurationLoadOptions { ConfigId = "gpu-node-c" }).Instances).Priority);
        Assert.Equal(150, Assert.Single(ConfigAssert.LoadValid(text, new ConfigurationLoadOptions { ConfigId = "gpu-node-a" }).Instances).Priority);
    }

    [Theory]
    [InlineData("gpu-node-a", 150)]
    [InlineData("gpu-node-c", 100)]
    public void NegatedConditionThatCoversEveryOtherHost_LoadsOnEveryHost(string configId, int priority)
    {
        string text = PairPriorities.Replace("@gpu-node-b priority", "@^gpu-node-a priority", StringComparison.Ordinal);

        Assert.Equal(priority, Assert.Single(ConfigAssert.LoadValid(text, new ConfigurationLoadOptions { ConfigId = configId }).Instances).Priority);
    }

    [Theory]
    [InlineData("gpu-node-a", "192.0.2.12")]
    [InlineData("gpu-node-b", "192.0.2.11")]
    public void UnicastPeerForThisHost_LoadsClean(string configId, string peer)
    {
        ConfigurationLoadResult result = LoadAs(PairPeers, configId);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(peer, Assert.Single(Assert.Single(result.Configuration!.Instances).UnicastPeers).Address.ToString());
    }

    [Fact]
    public void AllUnicastPeersConditionalAndNoneForThisHost_IsAnErrorAtTheInstance() =>
        ConfigAssert.SingleError(LoadAs(PairPeers, "gpu-node-c"), 1, 1,
            "vrrp_instance VI_1 has no unicast_peer for config id 'gpu-node-c': its unicast_peer entries are all conditional (@gpu-node-a, @gpu-node-b)");

    [Fact]
    public void UnconditionalPeerBesideConditionalOnes_LoadsOnEveryHost()
    {
        string text = PairPeers.Replace("        @gpu-node-b 192.0.2.11\n", "        @gpu-node-b 192.0.2.11\n        192.0.2.13\n", StringComparison.Ordinal);

        Assert.Single(Assert.Single(ConfigAssert.LoadValid(text, new ConfigurationLoadOptions { ConfigId = "gpu-node-c" }).Instances).UnicastPeers);
    }

    [Fact]
    public void ConditionalPriorityOfAnotherInstance_DoesNotCount()
    {
        string text = PairPriorities + "\n" + ConfigAssert.Instance("@gpu-node-c priority 90").Replace("VI_1", "VI_2", StringComparison.Ordinal)
            .Replace("virtual_router_id 51", "virtual_router_id 52", StringComparison.Ordinal);

        ConfigurationLoadResult result = LoadAs(text, "gpu-node-c");

        ConfigAssert.SingleError(result, 1, 1, "vrrp_instance VI_1 has no priority for config id 'gpu-node-c'");
    }

    [Fact]
    public void ConditionalLinesOutsideInstances_AreNotChecked() =>
        Assert.Empty(LoadAs("@gpu-node-a global_defs {\n@gpu-node-a     router_id a\n@gpu-node-a }\n" + ConfigAssert.Instance("priority 100"), "gpu-node-c").Diagnostics);
}
