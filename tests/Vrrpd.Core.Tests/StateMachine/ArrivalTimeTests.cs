using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

/// <summary>§6.4.2 resets the Master_Down_Timer on receipt of an advert: from the kernel's arrival stamp, not from
/// when the receive thread got to it, with the correction capped so a wall-clock step cannot fire it early.</summary>
public class ArrivalTimeTests
{
    [Fact]
    public void AnAdvertThatArrived300MicrosecondsAgo_RunsTheDownTimerFromItsArrival()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.AdvanceTo(TimeSpan.FromSeconds(1));

        h.ReceiveArrived(Microseconds(300), "192.0.2.1", 150);

        var arrival = h.Start + TimeSpan.FromSeconds(1) - Microseconds(300);
        Assert.Equal(arrival + Microseconds(3_609_375), h.Router.MasterDownTimerDueAt);
        h.AdvanceTo(TimeSpan.FromSeconds(1) - Microseconds(300) + Microseconds(3_609_374));
        Assert.Equal(VrrpState.Backup, h.Router.State);
        h.Advance(Microseconds(1));
        Assert.Equal(VrrpState.Master, h.Router.State);
    }

    [Fact]
    public void APriorityZeroAdvert_RunsSkewTimeFromItsArrival()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Receive("192.0.2.1", 150);
        h.AdvanceTo(TimeSpan.FromSeconds(1));

        h.ReceiveArrived(Microseconds(200), "192.0.2.1", 0);

        Assert.Equal(h.Start + TimeSpan.FromSeconds(1) - Microseconds(200) + Microseconds(609_375), h.Router.MasterDownTimerDueAt);
    }

    [Fact]
    public void AnArrivalAfterNow_AsAfterTheWallClockSteppedBack_CountsAsNow()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.AdvanceTo(TimeSpan.FromSeconds(1));

        h.ReceiveArrived(-TimeSpan.FromSeconds(10), "192.0.2.1", 150);

        Assert.Equal(h.Start + TimeSpan.FromSeconds(1) + Microseconds(3_609_375), h.Router.MasterDownTimerDueAt);
    }

    [Fact]
    public void AnArrivalLongAgo_AsAfterTheWallClockSteppedForward_MovesTheTimerBackNoMoreThanTheCap()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.AdvanceTo(TimeSpan.FromSeconds(1));

        h.ReceiveArrived(TimeSpan.FromSeconds(3), "192.0.2.1", 150);

        Assert.Equal(h.Start + TimeSpan.FromSeconds(1) - VirtualRouter.MaxArrivalAge + Microseconds(3_609_375),
            h.Router.MasterDownTimerDueAt);
        Assert.Equal(VrrpState.Backup, h.Router.State);
    }

    [Fact]
    public void ADiscardedLowerPriorityAdvert_DoesNotMoveTheTimerWhateverItsArrival()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Receive("192.0.2.1", 150);
        var due = h.Router.MasterDownTimerDueAt;
        h.AdvanceTo(TimeSpan.FromSeconds(1));

        h.ReceiveArrived(Microseconds(100), "192.0.2.1", 50);

        Assert.Equal(due, h.Router.MasterDownTimerDueAt);
    }
}
