using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

public class SyncGroupTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RouterHarness _a;
    private readonly RouterHarness _b;
    private readonly SyncGroup _group;

    public SyncGroupTests()
    {
        var gate = new object();
        _a = new RouterHarness(V2(priority: 100, name: "VI_A"), _time, gate);
        _b = new RouterHarness(V2(priority: 100, name: "VI_B"), _time, gate);
        _group = new SyncGroup("G", [_a.Router, _b.Router]);
    }

    [Fact]
    public void Members_GoMasterTogether_WhenEveryMembersDownTimerExpired()
    {
        _a.Router.Start();
        _b.Router.Start();

        _time.Advance(Microseconds(3_609_375));

        Assert.Equal(VrrpState.Master, _a.Router.State);
        Assert.Equal(VrrpState.Master, _b.Router.State);
        Assert.Equal(Microseconds(3_609_375), _a.Ports.AdvertTimes(100).Single());
        Assert.Equal(Microseconds(3_609_375), _b.Ports.AdvertTimes(100).Single());
        // A's timer fired first and waited for B; B's expiry took both.
        Assert.Equal("master down timer expired", _b.Router.LastTransition!.Reason);
        Assert.Equal("sync group G: VI_B Backup -> Master (master down timer expired)", _a.Router.LastTransition!.Reason);
    }

    [Fact]
    public void MemberWhoseMasterIsAlive_HoldsTheGroupInBackup_UntilItsMasterStops()
    {
        _a.Router.Start();
        _b.Router.Start();
        for (int second = 1; second <= 10; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            _b.Receive("192.0.2.1", 150);                    // B's Master is alive; A hears nothing
        }
        Assert.Equal(VrrpState.Backup, _a.Router.State);
        Assert.Empty(_a.Ports.AdvertTimes());

        _b.Receive("192.0.2.1", 0);                          // B's Master stops
        _time.Advance(Microseconds(609_375));

        Assert.Equal(VrrpState.Master, _a.Router.State);
        Assert.Equal(VrrpState.Master, _b.Router.State);
        Assert.Equal(TimeSpan.FromSeconds(10) + Microseconds(609_375), _a.Ports.AdvertTimes(100).Single());
    }

    [Fact]
    public void MemberLeavingMaster_TakesTheOthersToBackup_WithoutPriorityZero()
    {
        _a.Router.Start();
        _b.Router.Start();
        _time.Advance(TimeSpan.FromSeconds(4));
        _a.Ports.Clear();
        _b.Ports.Clear();

        _a.Receive("192.0.2.1", 150);

        Assert.Equal(VrrpState.Backup, _a.Router.State);
        Assert.Equal(VrrpState.Backup, _b.Router.State);
        Assert.Equal(["remove vips", "Master -> Backup (sync group G: VI_A Master -> Backup (higher priority 150 from 192.0.2.1))"], _b.Ports.What);
        Assert.Null(_b.Router.MasterAddress);
        Assert.Equal(_time.GetUtcNow() + Microseconds(3_609_375), _b.Router.MasterDownTimerDueAt);
    }

    [Fact]
    public void MemberFault_ForcesEveryMemberToFault_AndMastersSendPriorityZero()
    {
        _a.Router.Start();
        _b.Router.Start();
        _time.Advance(TimeSpan.FromSeconds(4));
        _b.Ports.Clear();

        _a.Router.SetFaultCondition("link", true, "interface eth0 down");

        Assert.Equal(VrrpState.Fault, _a.Router.State);
        Assert.Equal(VrrpState.Fault, _b.Router.State);
        Assert.Equal(["advert 0", "remove vips", "Master -> Fault (sync group G: VI_A interface eth0 down)"], _b.Ports.What);
    }

    [Fact]
    public void Group_LeavesFaultOnlyWhenNoMemberHasAFault()
    {
        _a.Router.Start();
        _b.Router.Start();
        _a.Router.SetFaultCondition("link", true, "interface eth0 down");
        _b.Router.SetFaultCondition("link", true, "interface eth1 down");

        _a.Router.SetFaultCondition("link", false, "interface eth0 up");
        Assert.Equal(VrrpState.Fault, _a.Router.State);
        Assert.Equal(VrrpState.Fault, _b.Router.State);

        _b.Router.SetFaultCondition("link", false, "interface eth1 up");
        Assert.Equal(VrrpState.Backup, _a.Router.State);
        Assert.Equal(VrrpState.Backup, _b.Router.State);
        Assert.Equal("sync group G: VI_B interface eth1 up", _a.Router.LastTransition!.Reason);
    }

    [Fact]
    public void MemberStarting_WhileAnotherMemberHasAFault_StartsInFault()
    {
        _a.Router.SetFaultCondition("link", true, "interface eth0 down");

        _b.Router.Start();

        Assert.Equal(VrrpState.Fault, _b.Router.State);
        Assert.Equal("sync group G: VI_A interface eth0 down", _b.Router.LastTransition!.Reason);
    }

    [Fact]
    public void Members_KnowTheirGroup()
    {
        Assert.Same(_group, _a.Router.SyncGroup);
        Assert.Equal([_a.Router, _b.Router], _group.Members);
    }

    [Fact]
    public void Constructor_RejectsMembersWithDifferentGates_OrAlreadyInAGroup()
    {
        var loner = new RouterHarness(V2(name: "VI_C"), _time);

        Assert.Throws<ArgumentException>(() => new SyncGroup("H", [_a.Router, loner.Router]));
        Assert.Throws<ArgumentException>(() => new SyncGroup("H", [_a.Router]));
    }
}
