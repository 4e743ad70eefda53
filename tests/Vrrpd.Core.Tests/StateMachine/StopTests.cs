using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

public class StopTests
{
    [Fact]
    public void Master_Stop_SendsPriorityZeroThenRemovesVips_AndReleasesTimers()
    {
        var h = new RouterHarness(V2(priority: 100)).StartAsMaster();

        h.Router.Stop();
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(VrrpState.Initialize, h.Router.State);
        Assert.Equal(["advert 0", "remove vips", "Master -> Initialize (shutdown)"], h.Ports.What);
        Assert.Equal(0, h.Time.ActiveTimerCount);
        Assert.Null(h.Router.MasterAddress);
    }

    [Fact]
    public void Backup_Stop_CancelsTheDownTimerAndSendsNothing()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Ports.Clear();

        h.Router.Stop();
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(["Backup -> Initialize (shutdown)"], h.Ports.What);
        Assert.Equal(0, h.Time.ActiveTimerCount);
    }

    [Fact]
    public void Fault_Stop_GoesToInitialize_AndStopTwiceIsANoOp()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Router.SetFaultCondition("link", true, "interface eth0 down");
        h.Ports.Clear();

        h.Router.Stop();
        h.Router.Stop();

        Assert.Equal(["Fault -> Initialize (shutdown)"], h.Ports.What);
    }

    [Fact]
    public void StoppedRouter_CanStartAgain()
    {
        var h = new RouterHarness(V2(priority: 100)).StartAsMaster();
        h.Router.Stop();
        h.Ports.Clear();

        h.Router.Start();
        h.Advance(Microseconds(3_609_375));

        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Equal(["Initialize -> Backup (startup)", "advert 100", "add vips", "announce BecameMaster", "Backup -> Master (master down timer expired)"], h.Ports.What);
    }

    [Fact]
    public void Transition_IsRecordedWithTimeAndCounted()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Advance(TimeSpan.FromSeconds(5));

        var last = h.Router.LastTransition!;

        Assert.Equal(new StateTransition(h.Start + Microseconds(3_609_375), VrrpState.Backup, VrrpState.Master, new TransitionCause(TransitionCauseKind.MasterDown, "master down timer expired")), last);
        Assert.Equal(2, h.Router.Transitions);
        Assert.Equal(h.Ports.TransitionsSeen[^1], last);
    }
}
