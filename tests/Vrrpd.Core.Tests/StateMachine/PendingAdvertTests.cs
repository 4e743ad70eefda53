using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

/// <summary>An advert that arrived in time but waits unread at the socket when the Master_Down_Timer fires (the
/// receive thread not scheduled yet) is read first, as keepalived's single loop does.</summary>
public class PendingAdvertTests
{
    [Fact]
    public void AnAdvertQueuedWhenTheDownTimerFires_KeepsTheRouterBackup_AndRestartsTheTimerFromItsArrival()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Receive("192.0.2.1", 150);
        var arrival = h.Start + Microseconds(3_609_000);   // before the deadline at 3.609375 s
        h.Ports.OnReceivePending = () => h.Router.ReceiveAdvertisement(new(System.Net.IPAddress.Parse("192.0.2.1"), 150,
            TimeSpan.FromSeconds(1), arrival));

        h.AdvanceTo(Microseconds(3_609_375));

        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.Equal(arrival + Microseconds(3_609_375), h.Router.MasterDownTimerDueAt);
        Assert.Empty(h.Ports.AdvertTimes());
    }

    [Fact]
    public void NothingQueued_TheBackupTakesOverOnTime()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Receive("192.0.2.1", 150);
        var asked = 0;
        h.Ports.OnReceivePending = () => asked++;

        h.AdvanceTo(Microseconds(3_609_375));

        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Equal(1, asked);
        Assert.Equal([Microseconds(3_609_375)], h.Ports.AdvertTimes(100));
    }

    [Fact]
    public void ALowerPriorityAdvertQueued_IsDiscarded_AndTheBackupStillTakesOver()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Receive("192.0.2.1", 150);
        h.Ports.OnReceivePending = () => h.Receive("192.0.2.1", 50);

        h.AdvanceTo(Microseconds(3_609_375));

        Assert.Equal(VrrpState.Master, h.Router.State);
    }

    [Fact]
    public void AnOlderAdvertHandledAfterANewerOne_DoesNotMoveTheIntervalsStartBack()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.AdvanceTo(TimeSpan.FromSeconds(1));

        h.ReceiveArrived(Microseconds(100), "192.0.2.1", 150);    // newer, read first (by the timer thread)
        h.ReceiveArrived(Microseconds(900), "192.0.2.1", 150);    // older, read second (by the receive thread)

        Assert.Equal(h.Start + TimeSpan.FromSeconds(1) - Microseconds(100) + Microseconds(3_609_375), h.Router.MasterDownTimerDueAt);
    }
}
