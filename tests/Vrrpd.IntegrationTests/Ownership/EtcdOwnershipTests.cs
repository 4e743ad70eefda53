using System.Diagnostics;
using Vrrpd.IntegrationTests.Harness;
using Vrrpd.Linux.Ownership;
using Vrrpd.Ownership;

namespace Vrrpd.IntegrationTests.Ownership;

/// <summary>
/// Ownership claims against a real 3-member etcd cluster (Debian's etcd-server), one member per lab host h1..h3,
/// the claimants on h4 and h5, all on the lab's bridge (docs/design/ownership.md).
/// </summary>
public class EtcdOwnershipTests
{
    private const string Key = "/vrrpd/instance/VI_1";

    private static async Task<(Lab Lab, EtcdCluster Cluster)> ClusterAsync()
    {
        Lab lab = Lab.Create(5);
        try
        {
            EtcdCluster cluster = await EtcdCluster.StartAsync(lab, [lab[1], lab[2], lab[3]]);
            return (lab, cluster);
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    private static Func<string> Context(EtcdCluster cluster, params LabClaim[] claims) =>
        () => string.Join("\n", claims.Select(c => c.Describe())) + "\n" + cluster.Report();

    private static async Task<KeyObservation> ReadKey(EtcdCluster cluster, LabHost from)
    {
        using EtcdClient client = cluster.ClientFrom(from, TimeSpan.FromSeconds(2));
        return await client.ReadAsync(Key);
    }

    [LabFact]
    public async Task Claim_Acquires_Renews_AndReleases()
    {
        (Lab lab, EtcdCluster cluster) = await ClusterAsync();
        using (lab)
        {
            await using var a = new LabClaim(cluster, lab[4], "host-a", Key, TimeSpan.FromSeconds(5));
            a.Claim.WantHeld();
            await Eventually.Until(() => a.Claim.MayHoldAddresses, TimeSpan.FromSeconds(10), "host-a holds the key", Context(cluster, a));

            long token = a.Claim.FencingToken!.Value;
            KeyObservation held = await ReadKey(cluster, lab[5]);
            Assert.Equal(("host-a", token, a.Claim.LeaseId!.Value), (held.Holder!.Holder, held.Holder.CreateRevision, held.Holder.LeaseId));

            // Twice the TTL: only keepalives keep the lease (and the key) alive that long.
            await Eventually.Holds(() => a.Claim.MayHoldAddresses, TimeSpan.FromSeconds(11), "host-a keeps holding through keepalives", Context(cluster, a));
            Assert.Equal(token, (await ReadKey(cluster, lab[5])).Holder?.CreateRevision);

            a.Claim.Release();
            Assert.False(a.Claim.MayHoldAddresses);
            await Eventually.Until(() => ReadKey(cluster, lab[5]).GetAwaiter().GetResult().Holder is null, TimeSpan.FromSeconds(5),
                "the key is deleted on release", Context(cluster, a));
            Assert.Equal(OwnershipState.Released, a.Claim.State);
            Assert.NotNull(a.Claim.LeaseId);   // the lease stays for the next acquisition

            // Stop revokes the lease.
            long lease = a.Claim.LeaseId!.Value;
            await a.StopAsync();
            using EtcdClient probe = cluster.ClientFrom(lab[5], TimeSpan.FromSeconds(2));
            Assert.Equal(TimeSpan.Zero, await probe.KeepAliveAsync(lease));
        }
    }

    [LabFact]
    public async Task SecondClaimant_IsRefusedWhileTheFirstHolds_AndTakesOverWhenItReleases()
    {
        (Lab lab, EtcdCluster cluster) = await ClusterAsync();
        using (lab)
        {
            // TTL 9 s: the periodic recheck comes every 3 s, so a takeover well under that came from the watch.
            await using var a = new LabClaim(cluster, lab[4], "host-a", Key, TimeSpan.FromSeconds(9));
            await using var b = new LabClaim(cluster, lab[5], "host-b", Key, TimeSpan.FromSeconds(9));
            a.Claim.WantHeld();
            await Eventually.Until(() => a.Claim.MayHoldAddresses, TimeSpan.FromSeconds(10), "host-a holds the key", Context(cluster, a, b));
            long tokenA = a.Claim.FencingToken!.Value;

            b.Claim.WantHeld();
            await Eventually.Until(() => b.Claim.State == OwnershipState.HeldByOther, TimeSpan.FromSeconds(10), "host-b sees host-a holding", Context(cluster, a, b));
            Assert.Equal(("host-a", tokenA), (b.Claim.OtherHolder!.Holder, b.Claim.OtherHolder.CreateRevision));
            await Eventually.Holds(() => !b.Claim.MayHoldAddresses && a.Claim.MayHoldAddresses, TimeSpan.FromSeconds(4),
                "host-b never holds while host-a does", Context(cluster, a, b));

            long released = Stopwatch.GetTimestamp();
            a.Claim.Release();
            TimeSpan handover = await Eventually.Until(() => b.Claim.MayHoldAddresses, TimeSpan.FromSeconds(10), "host-b takes the key over", Context(cluster, a, b));
            Assert.True(handover < TimeSpan.FromSeconds(2), $"handover took {handover.TotalMilliseconds:0} ms\n{Context(cluster, a, b)()}");
            Assert.True(b.Claim.FencingToken > tokenA, $"fencing token {b.Claim.FencingToken} after {tokenA}");
            Assert.Equal("host-b", (await ReadKey(cluster, lab[4])).Holder?.Holder);
            Assert.True(a.FirstLossAfter(released) <= b.FirstAfter(released, OwnershipState.Held));

            // host-a wants it back: refused, host-b holds.
            a.Claim.WantHeld();
            await Eventually.Until(() => a.Claim.State == OwnershipState.HeldByOther, TimeSpan.FromSeconds(10), "host-a sees host-b holding", Context(cluster, a, b));
            Assert.True(b.Claim.MayHoldAddresses);
        }
    }

    [LabFact]
    public async Task HolderCutOff_GivesUpBeforeItsLeaseExpires_AndTheOtherTakesOverWithinTtlPlusMargin()
    {
        (Lab lab, EtcdCluster cluster) = await ClusterAsync();
        using (lab)
        {
            TimeSpan ttl = TimeSpan.FromSeconds(5);
            await using var a = new LabClaim(cluster, lab[4], "host-a", Key, ttl);
            await using var b = new LabClaim(cluster, lab[5], "host-b", Key, ttl);
            a.Claim.WantHeld();
            await Eventually.Until(() => a.Claim.MayHoldAddresses, TimeSpan.FromSeconds(10), "host-a holds the key", Context(cluster, a, b));
            b.Claim.WantHeld();
            await Eventually.Until(() => b.Claim.State == OwnershipState.HeldByOther, TimeSpan.FromSeconds(10), "host-b waits", Context(cluster, a, b));
            long tokenA = a.Claim.FencingToken!.Value;

            // host-a's bridge port stops forwarding: its requests go unanswered (no error, just silence).
            long cut = Stopwatch.GetTimestamp();
            lab.CutOff(lab[4]);
            await Eventually.Until(() => b.Claim.MayHoldAddresses, ttl + TimeSpan.FromSeconds(5), "host-b takes over after host-a's lease expires", Context(cluster, a, b));
            long takeover = b.FirstAfter(cut, OwnershipState.Held)!.Value;
            long? withdrawal = a.FirstLossAfter(cut);

            Assert.NotNull(withdrawal);
            Assert.False(a.Claim.MayHoldAddresses);
            // Never two holders: host-a withdrew (by its own clock) before etcd let host-b in.
            Assert.True(withdrawal < takeover, $"host-a withdrew {Stopwatch.GetElapsedTime(cut, withdrawal!.Value).TotalMilliseconds:0} ms after the cut, host-b took over after {Stopwatch.GetElapsedTime(cut, takeover).TotalMilliseconds:0} ms\n{Context(cluster, a, b)()}");
            // host-a's last keepalive was sent at most TTL/3 before the cut, so it withdraws within TTL - margin of it.
            Assert.True(Stopwatch.GetElapsedTime(cut, withdrawal.Value) <= ttl - a.Claim.Timing.SafetyMargin + TimeSpan.FromMilliseconds(300),
                $"host-a withdrew {Stopwatch.GetElapsedTime(cut, withdrawal.Value).TotalMilliseconds:0} ms after the cut");
            // etcd expires the lease TTL after the last keepalive it handled; host-b's watch sees the delete at once.
            Assert.True(Stopwatch.GetElapsedTime(cut, takeover) <= ttl + TimeSpan.FromSeconds(2),
                $"host-b took over {Stopwatch.GetElapsedTime(cut, takeover).TotalMilliseconds:0} ms after the cut");
            Assert.True(b.Claim.FencingToken > tokenA);
            Assert.Equal(OwnershipState.Unreachable, a.Claim.State);

            // Healed: host-a recovers without a restart, and finds host-b holding.
            lab.Restore(lab[4]);
            await Eventually.Until(() => a.Claim.State == OwnershipState.HeldByOther, TimeSpan.FromSeconds(15), "host-a reaches etcd again and sees host-b", Context(cluster, a, b));
            Assert.True(a.Claim.EtcdReachable);
            Assert.Equal("host-b", a.Claim.OtherHolder?.Holder);
            Assert.True(b.Claim.MayHoldAddresses);
        }
    }

    [LabFact]
    public async Task MinorityMember_CannotGrantALease_NorHandOutTheKey()
    {
        (Lab lab, EtcdCluster cluster) = await ClusterAsync();
        using (lab)
        {
            // h3's member alone: h1 and h2 (the majority) are cut off from the bridge.
            lab.CutOff(lab[1]);
            lab.CutOff(lab[2]);
            Uri minority = EtcdCluster.ClientUrl(lab[3]);
            await Eventually.Until(() => !cluster.HasLeader(lab[3]), TimeSpan.FromSeconds(10), "h3's member loses its leader", cluster.Report);

            using (EtcdClient direct = cluster.ClientFrom(lab[4], TimeSpan.FromSeconds(2), [minority]))
            {
                await Assert.ThrowsAsync<EtcdException>(() => direct.GrantLeaseAsync(TimeSpan.FromSeconds(5)));
            }

            await using var c = new LabClaim(cluster, lab[4], "host-c", Key, TimeSpan.FromSeconds(5), [minority]);
            c.Claim.WantHeld();
            await Eventually.Until(() => c.Claim.State == OwnershipState.Unreachable, TimeSpan.FromSeconds(10), "the claim says etcd is unreachable", Context(cluster, c));
            await Eventually.Holds(() => !c.Claim.MayHoldAddresses && c.Claim.LeaseId is null, TimeSpan.FromSeconds(8),
                "a minority member never grants a lease, so nothing is held", Context(cluster, c));

            // Healed: the same claim goes on and acquires, without a restart.
            lab.Restore(lab[1]);
            lab.Restore(lab[2]);
            await Eventually.Until(() => c.Claim.MayHoldAddresses, TimeSpan.FromSeconds(20), "host-c acquires once the cluster has a quorum again", Context(cluster, c));
        }
    }

    [LabFact]
    public async Task DeadEndpoint_FirstInTheList_IsSkipped()
    {
        (Lab lab, EtcdCluster cluster) = await ClusterAsync();
        using (lab)
        {
            // h5 runs no etcd: connections to it are refused; the client moves on to h1.
            await using var a = new LabClaim(cluster, lab[4], "host-a", Key, TimeSpan.FromSeconds(5),
                [EtcdCluster.ClientUrl(lab[5]), EtcdCluster.ClientUrl(lab[1])]);
            a.Claim.WantHeld();
            await Eventually.Until(() => a.Claim.MayHoldAddresses, TimeSpan.FromSeconds(10), "host-a holds the key through the second endpoint", Context(cluster, a));
            await Eventually.Holds(() => a.Claim.MayHoldAddresses, TimeSpan.FromSeconds(7), "keepalives keep going to the live endpoint", Context(cluster, a));
        }
    }
}
