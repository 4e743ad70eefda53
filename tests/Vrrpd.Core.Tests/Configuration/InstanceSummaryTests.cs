using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>check-config's per-instance lines: version, mode and what differs from keepalived's defaults.</summary>
public class InstanceSummaryTests
{
    [Fact]
    public void KeepalivedDefaults_AreSaidToBeDefaults()
    {
        VrrpInstanceConfig instance = ConfigAssert.LoadInstance("");

        Assert.Equal(
            ["VI_1: VRRPv2 IPv4, multicast on eth0, VRID 51, priority 100, 1 virtual address", "  keepalived's defaults throughout"],
            InstanceSummary.Describe(instance));
    }

    [Fact]
    public void UnicastInstance_NamesItsPeers_AndEverySettingThatIsNotKeepalivedsDefault()
    {
        VrrpInstanceConfig instance = ConfigAssert.LoadInstance("""
            version 3
            state BACKUP
            priority 150
            advert_int 0.5
            nopreempt
            unicast_src_ip 192.0.2.1
            unicast_peer {
                192.0.2.2
                192.0.2.3
            }
            garp_master_delay 1
            """);

        Assert.Equal(
            [
                "VI_1: VRRPv3 IPv4, unicast on eth0 from 192.0.2.1 to 2 peers, VRID 51, priority 150, 1 virtual address",
                "  not keepalived's defaults: version 3, priority 150, advert_int 0.5, nopreempt, garp_master_delay 1",
            ],
            InstanceSummary.Describe(instance));
    }

    [Fact]
    public void StateMasterWithoutPriority_IsKeepalivedsOwnerDefault_NotAChangedPriority()
    {
        VrrpInstanceConfig instance = ConfigAssert.LoadInstance("state MASTER\nauthentication {\n auth_type PASS\n auth_pass secret\n}");

        Assert.Equal(
            [
                "VI_1: VRRPv2 IPv4, multicast on eth0, VRID 51, priority 255, 1 virtual address",
                "  not keepalived's defaults: state MASTER, auth_type PASS",
            ],
            InstanceSummary.Describe(instance));
    }

    [Fact]
    public void CorpusFile_IsSummarisedAsKeepalivedWouldRunIt()
    {
        // 078: a two-node setup's master from a public repository (Corpus/manifest.tsv).
        VrrpdConfiguration config = ConfigurationLoader.Load(
            Vrrpd.Tests.Corpus.CorpusManifest.FilePath("078-understanding-keepalived-2-node-setup-master.conf"),
            new ConfigurationLoadOptions { ConfigId = "corpus-host" }).Configuration!;

        Assert.Equal(
            [
                "VI_1: VRRPv2 IPv4, unicast on eth0 from 192.168.200.20 to 1 peer, VRID 55, priority 150, 1 virtual address",
                "  not keepalived's defaults: state MASTER, priority 150, auth_type PASS",
            ],
            config.Instances.SelectMany(InstanceSummary.Describe));
    }
}
