using Vrrpd.IntegrationTests.Harness;
using Xunit.Abstractions;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Faults;

/// <summary>Someone else on the LAN: another cluster that reuses the pair's VRID with other addresses.</summary>
public sealed class LanFaultTests(ITestOutputHelper output)
{
    private const string OtherVip = "192.0.2.200";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(6);
    private static readonly VrrpInstanceConfig Fast = new() { Version = 3, AdvertInt = "0.1" };

    /// <summary>
    /// keepalived 2.2.7 drops v3 adverts whose address list differs from its own (keepalived #2444), so at priority
    /// 50 it still becomes Master of VRID 51 and advertises beside the pair. RFC 5798 §7.1: the pair SHOULD log the
    /// mismatch; its lower priority must not move the pair's VIP.
    /// </summary>
    [LabFact(NeedsKeepalived = true)]
    public async Task DuplicateVridWithOtherVips_IsLoggedAndCounted_AndThePairDoesNotFlap()
    {
        await using var lab = Lab.Create(3);
        var (primary, backup, stranger) = (lab[1], lab[2], lab[3]);
        var a = lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 150 });
        var b = lab.Start(DaemonKind.Vrrpd, backup, Fast with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {primary} only", lab.Report);
        var before = (a: a.Status().Details("VI_1"), b: b.Status().Details("VI_1"));

        lab.Start(DaemonKind.Keepalived, stranger, Fast with { Priority = 50, VirtualAddresses = [$"{OtherVip}/24"] });
        await Eventually.Until(() => lab.HasAddress(stranger, OtherVip), Settle, $"keepalived on {stranger} Master of VRID 51 for {OtherVip}", lab.Report);
        await using (var watch = await VipWatch.StartAsync(lab, Vip4, primary, backup))
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            await watch.StopAsync();
            Assert.True(watch.HolderChanges == 0, $"the pair's VIP moved while the stranger advertised:\n{watch.Changes}\n{lab.Report()}");
        }

        var after = (a: a.Status().Details("VI_1"), b: b.Status().Details("VI_1"));
        output.WriteLine($"{primary}: {after.a}\n{backup}: {after.b}");
        Assert.Equal(before.a.Transitions, after.a.Transitions);
        Assert.Equal(before.b.Transitions, after.b.Transitions);
        // Logged by both, and counted: the Master hears no one but the stranger, so each advert it received is one.
        Assert.Contains("lists other virtual addresses than ours", a.Log, StringComparison.Ordinal);
        Assert.Contains("lists other virtual addresses than ours", b.Log, StringComparison.Ordinal);
        Assert.True(after.a.AdvertsReceived - before.a.AdvertsReceived >= 10, $"{after.a}");
        Assert.True(lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), lab.Report());
    }
}
