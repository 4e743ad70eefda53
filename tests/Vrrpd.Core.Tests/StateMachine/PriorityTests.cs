using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

public class PriorityTests
{
    [Fact]
    public void Master_PriorityChange_IsAdvertisedAtOnce()
    {
        var h = new RouterHarness(V2(priority: 150)).StartAsMaster();
        var t0 = h.Elapsed;
        h.Advance(TimeSpan.FromMilliseconds(300));

        h.Router.SetEffectivePriority(90);
        h.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(90, h.Router.EffectivePriority);
        Assert.Equal(150, h.Router.BasePriority);
        Assert.Equal([t0 + TimeSpan.FromMilliseconds(300), t0 + TimeSpan.FromMilliseconds(1300)], h.Ports.AdvertTimes(90));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(255, 254)]
    [InlineData(42, 42)]
    public void EffectivePriority_IsClampedTo1Through254(byte requested, byte expected)
    {
        var h = new RouterHarness(V2(priority: 100));

        h.Router.SetEffectivePriority(requested);

        Assert.Equal(expected, h.Router.EffectivePriority);
    }

    [Fact]
    public void Owner_KeepsPriority255()
    {
        var h = new RouterHarness(V2(priority: 255));
        h.Router.Start();
        h.Ports.Clear();

        h.Router.SetEffectivePriority(100);

        Assert.Equal(255, h.Router.EffectivePriority);
        Assert.Empty(h.Ports.Calls);
    }

    [Fact]
    public void Backup_PriorityChange_RescalesTheRunningDownTimer()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Receive("192.0.2.1", 200);                         // armed at 0 with 3.609375 s
        h.Advance(TimeSpan.FromSeconds(1));

        h.Router.SetEffectivePriority(150);                  // as if armed at 0 with 3.4140625 s

        Assert.Equal(h.Start + TimeSpan.FromTicks(34_140_625), h.Router.MasterDownTimerDueAt);
        Assert.Equal(TimeSpan.FromTicks(34_140_625), h.Router.MasterDownInterval);
        h.AdvanceTo(TimeSpan.FromTicks(34_140_625));
        Assert.Equal(VrrpState.Master, h.Router.State);
    }

    [Fact]
    public void Backup_PriorityChange_RescalesASkewOnlyTimer()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Receive("192.0.2.1", 0);                           // armed with skew 0.609375 s

        h.Router.SetEffectivePriority(1);                    // skew 0.99609375 s

        Assert.Equal(h.Start + Microseconds(996_093) + TimeSpan.FromTicks(7), h.Router.MasterDownTimerDueAt);
    }

    [Fact]
    public void Backup_PriorityRiseMovingTheDeadlineIntoThePast_TakesOverNow()
    {
        var h = new RouterHarness(V2(priority: 1));
        h.Router.Start();                                    // armed at 0 with 3.99609375 s
        h.Advance(TimeSpan.FromSeconds(3.5));

        h.Router.SetEffectivePriority(254);                  // 3.0078125 s: already past

        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Equal(TimeSpan.FromSeconds(3.5), h.Ports.AdvertTimes(254).Single());
    }

    [Fact]
    public void PreemptBack_WhenTheHigherRouterRecovers_ItTakesOverAfterItsOwnDownInterval()
    {
        // A (base 150) had a tracker push it to 90 and lost Master to B (100). The tracker recovers.
        var h = new RouterHarness(V2(priority: 150));
        h.Router.SetEffectivePriority(90);
        h.Router.Start();
        for (int second = 1; second <= 5; second++)
        {
            h.AdvanceTo(TimeSpan.FromSeconds(second));
            h.Receive("192.0.2.1", 100);                     // B is Master
        }

        h.Router.SetEffectivePriority(150);                  // B's adverts are now lower: discarded
        for (int second = 6; second <= 9; second++)
        {
            h.AdvanceTo(TimeSpan.FromSeconds(second));
            h.Receive("192.0.2.1", 100);
        }

        // Timer armed at 5 s, rescaled to 150's down interval (3.4140625 s) when the priority came back.
        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Equal(TimeSpan.FromSeconds(5) + TimeSpan.FromTicks(34_140_625), h.Router.LastTransition!.At - h.Start);
    }
}
