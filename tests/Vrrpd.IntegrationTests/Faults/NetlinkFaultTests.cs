using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Faults;

/// <summary>The kernel refuses a VIP: reported, retried, and added once the obstacle is gone.</summary>
public sealed class NetlinkFaultTests
{
    private const string RefusedVip = "2001:db8:1::100";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(6);

    /// <summary>
    /// An interface whose MTU is below IPv6's minimum of 1280 (RFC 8200 §5) has no IPv6 state in Linux, so
    /// RTM_NEWADDR for an IPv6 address on it fails (EINVAL); raising the MTU back brings IPv6 back.
    /// </summary>
    [LabFact]
    public async Task VipTheKernelRefuses_IsReportedAndRetried_UntilItCanBeAdded()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        lab.Exec(host, "ip", "link", "add", "eth1", "type", "veth", "peer", "name", "eth1p").EnsureSuccess();
        lab.Exec(host, "ip", "link", "set", "eth1", "up").EnsureSuccess();
        lab.Exec(host, "ip", "link", "set", "eth1p", "up").EnsureSuccess();
        lab.Exec(host, "ip", "link", "set", "eth1", "mtu", "1200").EnsureSuccess();
        Assert.False(lab.Exec(host, "ip", "addr", "add", $"{RefusedVip}/64", "dev", "eth1").Succeeded, "the obstacle must refuse the address");

        var config = new VrrpInstanceConfig
        {
            Version = 3, AdvertInt = "0.1", Priority = 150,
            VirtualAddresses = [$"{Vip6}/64", $"{RefusedVip}/64 dev eth1"],
        };
        var daemon = lab.Start(DaemonKind.Vrrpd, host, config);
        await Eventually.Until(() => lab.HasAddress(host, Vip6), Settle, $"{Vip6} on {host}'s eth0", lab.Report);
        await Eventually.Until(() => daemon.Log.Contains($"adding {RefusedVip}/64 on eth1 failed", StringComparison.Ordinal),
            TimeSpan.FromSeconds(3), "the refusal in the log", lab.Report);
        Assert.Equal("Master", daemon.Status().Instance("VI_1").State);

        lab.Exec(host, "ip", "link", "set", "eth1", "mtu", "1500").EnsureSuccess();

        await Eventually.Until(() => lab.Exec(host, "ip", "-br", "addr", "show", "dev", "eth1").StdOut.Contains(RefusedVip, StringComparison.Ordinal),
            TimeSpan.FromSeconds(4), $"{RefusedVip} on eth1 once IPv6 is back (retried)", lab.Report);
        Assert.False(daemon.HasExited, lab.Report());
        Assert.True(lab.HasAddress(host, Vip6), lab.Report());
    }
}
