using System.Text.Json;
using Vrrpd.IntegrationTests.Faults;
using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Ownership;

/// <summary>
/// vrrpd with <c>vrrp_ownership</c> against a real 3-member etcd cluster: h1 and h2 run vrrpd and an etcd member
/// each, h3 is the witness member (docs/design/ownership.md). The VIP's holders are read from the kernel's address
/// events on both hosts, so even a short overlap is seen.
/// </summary>
public sealed class QuorumOwnershipTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);
    private const int LeaseTtlSeconds = 5;

    private static async Task<(Lab Lab, EtcdCluster Cluster)> LabAsync()
    {
        var lab = Lab.Create(3);
        try
        {
            return (lab, await EtcdCluster.StartAsync(lab, [lab[1], lab[2], lab[3]]));
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    private static VrrpInstanceConfig Instance(EtcdCluster cluster, int priority, string globals = "") => new()
    {
        Version = 3,
        AdvertInt = "0.1",
        Priority = priority,
        Preamble = globals + $$"""
            vrrp_ownership etcd {
                etcd_endpoints {{string.Join(" ", cluster.ClientUrls.Select(u => u.ToString().TrimEnd('/')))}}
                lease_ttl {{LeaseTtlSeconds}}
            }

            """,
        ExtraLines = ["ownership etcd"],
    };

    private sealed record Claim(string State, long? Token, bool Waiting);

    private static Claim ClaimOf(DaemonProcess daemon)
    {
        using var document = JsonDocument.Parse(daemon.Status().Json);
        var instance = document.RootElement.GetProperty("instances")[0];
        var ownership = instance.GetProperty("ownership");
        return new Claim(
            ownership.GetProperty("state").GetString() ?? "",
            ownership.TryGetProperty("fencingToken", out var token) && token.ValueKind == JsonValueKind.Number ? token.GetInt64() : null,
            ownership.GetProperty("waitingForOwnership").GetBoolean());
    }

    /// <summary>The primary (150) and the backup (100) started with ownership; returns once the primary holds the
    /// VIP under the lease.</summary>
    private static async Task<(DaemonProcess Primary, DaemonProcess Backup)> StartPairAsync(Lab lab, EtcdCluster cluster, string primaryGlobals = "")
    {
        var a = lab.Start(DaemonKind.Vrrpd, lab[1], Instance(cluster, 150, primaryGlobals));
        var b = lab.Start(DaemonKind.Vrrpd, lab[2], Instance(cluster, 100));
        await Eventually.Until(() => lab.HasAddress(lab[1], Vip4) && ClaimOf(a).State == "Held", Settle, $"{Vip4} on {lab[1]} under the lease", lab.Report);
        return (a, b);
    }

    [LabFact]
    public async Task OneHolder_WithAFencingToken_AndAGracefulStopHandsOverWithinOneRoundTrip_ToAHigherToken()
    {
        var (lab, cluster) = await LabAsync();
        await using var _ = lab;
        var (primary, backup) = (lab[1], lab[2]);
        var (a, b) = await StartPairAsync(lab, cluster, $"global_defs {{\n    metrics_listen {primary.Ipv4}:9650\n}}\n");
        var first = ClaimOf(a).Token;
        Assert.NotNull(first);
        Assert.NotEqual("Held", ClaimOf(b).State);
        var metrics = Command.Run("ip", ["netns", "exec", primary.Namespace, "curl", "-sS", $"http://{primary.Ipv4}:9650/metrics"], TimeSpan.FromSeconds(10)).EnsureSuccess().StdOut;
        Assert.Contains("vrrpd_ownership_held{vrrp_instance=\"VI_1\",vrid=\"51\",key=\"/vrrpd/instance/VI_1\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains($"vrrpd_ownership_fencing_token{{vrrp_instance=\"VI_1\",vrid=\"51\"}} {first}", metrics, StringComparison.Ordinal);
        var watch = await VipWatch.StartAsync(lab, Vip4, primary, backup);

        a.Terminate();

        await Eventually.Until(() => lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(3), $"{Vip4} on {backup} after {primary} stopped", lab.Report);
        await watch.StopAsync();
        var second = ClaimOf(b);
        Assert.Equal("Held", second.State);
        Assert.True(second.Token > first, $"the new holder's token {second.Token} is not above {first}");
        Assert.Equal(TimeSpan.Zero, watch.LongestDualMaster);
        Assert.Contains($"fencing token {second.Token}", b.Log, StringComparison.Ordinal);
    }

    [LabFact]
    public async Task AdvertsLostBetweenTheHosts_TheBackupWaitsForTheLease_NeverTwoHolders_AndStopsWaitingWhenItHearsTheMasterAgain()
    {
        var (lab, cluster) = await LabAsync();
        await using var _ = lab;
        var (primary, backup) = (lab[1], lab[2]);
        var (a, b) = await StartPairAsync(lab, cluster);
        var watch = await VipWatch.StartAsync(lab, Vip4, primary, backup);

        // The backup hears no adverts (a VRRP-only partition: etcd still answers both): without ownership it would
        // be Master with the VIP after Master_Down_Interval, beside the primary.
        lab.Exec(backup, "nft", "add table inet vrrpd_test; add chain inet vrrpd_test in { type filter hook input priority 0; }; add rule inet vrrpd_test in ip protocol 112 drop").EnsureSuccess();
        await Eventually.Until(() => ClaimOf(b).Waiting, TimeSpan.FromSeconds(3), $"{backup} waiting for the lease", lab.Report);
        await Eventually.Holds(() => !lab.HasAddress(backup, Vip4) && lab.HasAddress(primary, Vip4), TimeSpan.FromSeconds(3),
            $"{Vip4} stays on {primary} alone while {backup} hears no adverts", lab.Report);
        Assert.Equal("Backup", b.Status().Instance("VI_1").State);

        lab.Exec(backup, "nft", "delete table inet vrrpd_test").EnsureSuccess();
        await Eventually.Until(() => !ClaimOf(b).Waiting, TimeSpan.FromSeconds(3), $"{backup} stops waiting once it hears {primary}", lab.Report);
        await watch.StopAsync();
        Assert.Equal(0, watch.HolderChanges);
        Assert.Equal(TimeSpan.Zero, watch.LongestDualMaster);
    }

    [LabFact]
    public async Task MasterCutOffFromEtcd_GivesTheVipUpBeforeTheBackupTakesIt_WithinTheLeaseTtl()
    {
        var (lab, cluster) = await LabAsync();
        await using var _ = lab;
        var (primary, backup) = (lab[1], lab[2]);
        var (a, b) = await StartPairAsync(lab, cluster);
        var watch = await VipWatch.StartAsync(lab, Vip4, primary, backup);
        var cut = DateTime.UtcNow;

        // The primary's daemon reaches no etcd member (its own included); VRRP between the hosts still works.
        lab.Exec(primary, "nft", "add table inet vrrpd_test; add chain inet vrrpd_test out { type filter hook output priority 0; }; add rule inet vrrpd_test out tcp dport 2379 drop").EnsureSuccess();

        await Eventually.Until(() => lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(LeaseTtlSeconds + 5),
            $"{Vip4} on {backup} once {primary}'s lease is gone", lab.Report);
        var takeover = DateTime.UtcNow - cut;
        await Eventually.Holds(() => !lab.HasAddress(primary, Vip4), TimeSpan.FromSeconds(2), $"{Vip4} stays off {primary} while it cannot reach etcd", lab.Report);
        await watch.StopAsync();
        Assert.Equal(TimeSpan.Zero, watch.LongestDualMaster);
        Assert.True(takeover <= TimeSpan.FromSeconds(LeaseTtlSeconds + 3), $"takeover took {takeover.TotalSeconds:0.0} s:\n{watch.Changes}");
        Assert.Contains("ownership lost", a.Log, StringComparison.Ordinal);

        // etcd answers the primary again: with the higher priority and preemption it makes the backup yield (by
        // advertising while it waits), the backup gives the lease up after removing the VIP, and the primary takes it.
        var back = await VipWatch.StartAsync(lab, Vip4, primary, backup);
        lab.Exec(primary, "nft", "delete table inet vrrpd_test").EnsureSuccess();
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(LeaseTtlSeconds + 5),
            $"{Vip4} back on {primary} alone once it reaches etcd again", lab.Report);
        await back.StopAsync();
        Assert.Equal(TimeSpan.Zero, back.LongestDualMaster);
        Assert.Equal("Held", ClaimOf(a).State);
    }
}
