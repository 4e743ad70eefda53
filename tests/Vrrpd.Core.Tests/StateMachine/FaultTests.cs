using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

public class FaultTests
{
    [Fact]
    public void Backup_EnteringFault_CancelsTheDownTimerAndSendsNothing()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Ports.Clear();

        h.Router.SetFaultCondition("link", true, "interface eth0 down");
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(VrrpState.Fault, h.Router.State);
        Assert.Equal(["Backup -> Fault (interface eth0 down)"], h.Ports.What);
        Assert.Null(h.Router.MasterDownTimerDueAt);
    }

    [Fact]
    public void Master_EnteringFault_SendsPriorityZeroThenRemovesVips()
    {
        var h = new RouterHarness(V2(priority: 100)).StartAsMaster();

        h.Router.SetFaultCondition("track_script chk_gpu", true, "track_script chk_gpu failed");
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(["advert 0", "remove vips", "Master -> Fault (track_script chk_gpu failed)"], h.Ports.What);
        Assert.Null(h.Router.AdverTimerDueAt);
    }

    [Fact]
    public void Fault_IgnoresAdverts()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Router.SetFaultCondition("link", true, "interface eth0 down");
        h.Ports.Clear();

        h.Receive("192.0.2.1", 150);
        h.Receive("192.0.2.1", 0);

        Assert.Equal(VrrpState.Fault, h.Router.State);
        Assert.Empty(h.Ports.Calls);
        Assert.Null(h.Router.MasterAddress);
    }

    [Fact]
    public void LeavingFault_GoesBackupWithAFreshDownTimer()
    {
        var h = new RouterHarness(V3(priority: 100, intervalCentiseconds: 100));
        h.Router.Start();
        h.Receive("192.0.2.1", 150, Centiseconds(5));      // learned 5 cs: forgotten in Fault
        h.Router.SetFaultCondition("link", true, "interface eth0 down");
        h.Advance(TimeSpan.FromSeconds(7));

        h.Router.SetFaultCondition("link", false, "interface eth0 up");

        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.Equal("interface eth0 up", h.Router.LastTransition!.Reason);
        Assert.Equal(Centiseconds(100), h.Router.MasterAdverInterval);
        Assert.Equal(h.Time.GetUtcNow() + Microseconds(3_609_375), h.Router.MasterDownTimerDueAt);
    }

    [Fact]
    public void Fault_LastsWhileAnyConditionIsActive()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();

        h.Router.SetFaultCondition("link", true, "interface eth0 down");
        h.Router.SetFaultCondition("track_interface eth1", true, "tracked interface eth1 down");
        h.Router.SetFaultCondition("link", false, "interface eth0 up");
        Assert.Equal(VrrpState.Fault, h.Router.State);
        Assert.Equal(["tracked interface eth1 down"], h.Router.ActiveFaults);

        h.Router.SetFaultCondition("track_interface eth1", false, "tracked interface eth1 up");

        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.Equal(3, h.Router.Transitions);   // startup, into Fault once, out once
    }

    [Fact]
    public void RepeatedFaultReports_AreNoOps()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();

        h.Router.SetFaultCondition("link", true, "interface eth0 down");
        h.Router.SetFaultCondition("link", true, "interface eth0 down");
        h.Router.SetFaultCondition("other", false, "nothing");

        Assert.Equal(2, h.Router.Transitions);
        Assert.Single(h.Ports.TransitionsSeen, t => t.To == VrrpState.Fault);
    }

    [Fact]
    public void FaultClearedBeforeStart_StartsInBackup()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.SetFaultCondition("link", true, "interface eth0 down");
        h.Router.SetFaultCondition("link", false, "interface eth0 up");

        h.Router.Start();

        Assert.Equal(VrrpState.Backup, h.Router.State);
    }

    [Fact]
    public void Owner_LeavingFault_GoesMasterAtOnce()
    {
        var h = new RouterHarness(V2(priority: 255));
        h.Router.Start();
        h.Router.SetFaultCondition("link", true, "interface eth0 down");
        h.Ports.Clear();

        h.Router.SetFaultCondition("link", false, "interface eth0 up");

        Assert.Equal(["advert 255", "add vips", "announce BecameMaster", "Fault -> Master (interface eth0 up)"], h.Ports.What);
    }

    [Fact]
    public void Backup_AfterFaultOnTheMaster_TakesOverAfterSkewTime()
    {
        // Two routers on one fake link: A (150) Master, B (100) Backup. A's weight-0 tracker fails.
        var time = new FakeTimeProvider();
        var a = new RouterHarness(V2(priority: 150, name: "A") with { PrimaryAddress = System.Net.IPAddress.Parse("192.0.2.1") }, time);
        var b = new RouterHarness(V2(priority: 100, name: "B"), time);
        a.Router.Start();
        b.Router.Start();
        time.Advance(TimeSpan.FromSeconds(3.5));             // A Master at 3.4140625 s, B heard its advert
        b.Receive("192.0.2.1", 150);
        Assert.Equal(VrrpState.Master, a.Router.State);

        a.Router.SetFaultCondition("track_script chk", true, "track_script chk failed");
        Assert.Equal(["advert 0", "remove vips"], a.Ports.What[^3..^1]);
        b.Receive("192.0.2.1", 0);                           // what A just sent
        time.Advance(Microseconds(609_375));

        Assert.Equal(VrrpState.Master, b.Router.State);
        Assert.Equal(TimeSpan.FromSeconds(3.5) + Microseconds(609_375), b.Router.LastTransition!.At - b.Start);
    }
}
