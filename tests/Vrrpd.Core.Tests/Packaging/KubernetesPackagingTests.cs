using Vrrpd.Configuration;

namespace Vrrpd.Tests.Packaging;

/// <summary>The shipped DaemonSet and ConfigMap must not make a second Master: vrrpd runs only on the two labelled
/// nodes of the pair, and on any other node the ConfigMap's vrrpd.conf is refused.</summary>
public class KubernetesPackagingTests
{
    private const string ConfigName = "/etc/vrrpd/vrrpd.conf";

    private static ConfigurationLoadResult LoadConfigMapAs(string configId) =>
        ConfigurationLoader.LoadText(
            KubernetesManifests.BlockScalar(KubernetesManifests.Read("configmap.yaml"), "vrrpd.conf"),
            ConfigName,
            new ConfigurationLoadOptions { ConfigId = configId });

    [Theory]
    [InlineData("gpu-node-a", 150, "192.0.2.12")]
    [InlineData("gpu-node-b", 100, "192.0.2.11")]
    public void ConfigMap_LoadsCleanOnEachNodeOfThePair(string configId, int priority, string peer)
    {
        ConfigurationLoadResult result = LoadConfigMapAs(configId);

        Assert.Empty(result.Diagnostics);
        VrrpInstanceConfig instance = Assert.Single(result.Configuration!.Instances);
        Assert.Equal(priority, instance.Priority);
        Assert.Equal(peer, Assert.Single(instance.UnicastPeers).Address.ToString());
    }

    [Fact]
    public void ConfigMap_IsRefusedOnAThirdGpuNode()
    {
        ConfigurationLoadResult result = LoadConfigMapAs("gpu-node-c");

        Assert.Null(result.Configuration);
        Assert.Equal(2, result.Errors.Count());
        Assert.Contains(result.Errors, e => e.Message ==
            "vrrp_instance INFERENCE has no priority for config id 'gpu-node-c': its priority lines are all conditional (@gpu-node-a, @gpu-node-b); add one for this host or an unconditional default");
        Assert.Contains(result.Errors, e => e.Message.StartsWith("vrrp_instance INFERENCE has no unicast_peer for config id 'gpu-node-c'", StringComparison.Ordinal));
        Assert.All(result.Errors, e => Assert.Matches(@"^/etc/vrrpd/vrrpd\.conf:\d+:1: error: vrrp_instance INFERENCE ", e.ToString()));
    }

    [Fact]
    public void DaemonSet_SelectsOnlyNodesLabelledForThePair()
    {
        Dictionary<string, string> selector = KubernetesManifests.Map(KubernetesManifests.Read("daemonset.yaml"), "nodeSelector");

        Assert.True(selector.TryGetValue("vrrpd.io/pair", out string? pair), $"nodeSelector has no vrrpd.io/pair: {string.Join(", ", selector.Keys)}");
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", pair);
    }

    [Fact]
    public void Readme_LabelsBothNodesWithTheDaemonSetsPair()
    {
        string pair = KubernetesManifests.Map(KubernetesManifests.Read("daemonset.yaml"), "nodeSelector")["vrrpd.io/pair"];
        string readme = KubernetesManifests.Read("README.md");

        foreach (string node in new[] { "gpu-node-a", "gpu-node-b" })
        {
            Assert.Contains($"kubectl label node {node} vrrpd.io/pair={pair}", readme, StringComparison.Ordinal);
        }
    }
}
