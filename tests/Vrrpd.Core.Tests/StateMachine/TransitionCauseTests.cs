using System.Net;
using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

/// <summary>Every transition carries its cause as facts (kind, peer, its priority, the fault condition), so the
/// daemon renders events and metrics from them instead of parsing the words.</summary>
public class TransitionCauseTests
{
    [Fact]
    public void DownTimerAfterAMasterWentSilent_IsMasterDown_NamingThatMaster()
    {
        var h = new RouterHarness(V3(priority: 100, intervalCentiseconds: 10));
        h.Router.Start();
        h.Receive("192.0.2.1", 150);
        h.Advance(TimeSpan.FromSeconds(1));

        var cause = h.Router.LastTransition!.Cause;
        Assert.Equal((TransitionCauseKind.MasterDown, "master down timer expired"), (cause.Kind, cause.Text));
        Assert.Equal((IPAddress.Parse("192.0.2.1"), (byte?)150), (cause.Peer, cause.PeerPriority));
    }

    [Fact]
    public void DownTimerWhileALowerPriorityMasterIsHeard_IsPreemption_NotSilence()
    {
        var h = new RouterHarness(V3(priority: 150, intervalCentiseconds: 10));
        h.Router.Start();
        for (var i = 0; i < 10; i++)
        {
            h.Receive("192.0.2.1", 100);
            h.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(VrrpState.Master, h.Router.State);
        var cause = h.Router.LastTransition!.Cause;
        Assert.Equal(TransitionCauseKind.Preempted, cause.Kind);
        Assert.Equal((IPAddress.Parse("192.0.2.1"), (byte?)100), (cause.Peer, cause.PeerPriority));
    }

    [Fact]
    public void YieldingToAHigherPriority_NamesThePeer()
    {
        var h = new RouterHarness(V2(priority: 100)).StartAsMaster();
        h.Receive("192.0.2.1", 150);
        var cause = h.Router.LastTransition!.Cause;
        Assert.Equal((TransitionCauseKind.HigherPriority, IPAddress.Parse("192.0.2.1"), (byte?)150), (cause.Kind, cause.Peer, cause.PeerPriority));
    }

    [Fact]
    public void PriorityZero_FromAStoppedMaster_NamesIt()
    {
        var h = new RouterHarness(V3(priority: 100, intervalCentiseconds: 10));
        h.Router.Start();
        h.Receive("192.0.2.1", 150);
        h.Receive("192.0.2.1", 0);
        h.Advance(TimeSpan.FromSeconds(1));
        var cause = h.Router.LastTransition!.Cause;
        Assert.Equal((TransitionCauseKind.PriorityZero, IPAddress.Parse("192.0.2.1"), (byte?)0), (cause.Kind, cause.Peer, cause.PeerPriority));
    }

    [Fact]
    public void FaultAndRecovery_NameTheCondition()
    {
        var h = new RouterHarness(V2(priority: 100)).StartAsMaster();
        h.Router.SetFaultCondition("track_gpu gpu0", true, "track_gpu gpu0: GPU 0 Xid 79");
        Assert.Equal((TransitionCauseKind.Fault, "track_gpu gpu0"), (h.Router.LastTransition!.Cause.Kind, h.Router.LastTransition.Cause.Condition));
        h.Router.SetFaultCondition("track_gpu gpu0", false, "track_gpu gpu0 recovered");
        Assert.Equal((TransitionCauseKind.Recovered, "track_gpu gpu0"), (h.Router.LastTransition!.Cause.Kind, h.Router.LastTransition.Cause.Condition));
    }
}
