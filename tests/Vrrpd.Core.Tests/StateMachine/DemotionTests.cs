using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

/// <summary>`vrrpd demote` / `vrrpd resume`: a maintenance handover at the state machine.</summary>
public class DemotionTests
{
    [Fact]
    public void DemotedMaster_SendsPriorityZero_RemovesVips_AndBecomesBackup()
    {
        var h = new RouterHarness(V3(priority: 150, intervalCentiseconds: 10)).StartAsMaster();

        Assert.True(h.Router.Demote("demoted by operator uid 0"));

        Assert.Equal(["advert 0", "remove vips", "Master -> Backup (demoted by operator uid 0)"], h.Ports.What);
        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.Equal(VirtualRouter.DemotedPriority, h.Router.EffectivePriority);
        Assert.Null(h.Router.MasterAddress);
        Assert.Equal("demoted by operator uid 0", h.Router.DemotedBecause);
    }

    [Fact]
    public void DemotedBackup_NeverPreempts_ALowerPriorityMaster()
    {
        var h = new RouterHarness(V3(priority: 150, intervalCentiseconds: 10)).StartAsMaster();
        h.Router.Demote("demoted by operator uid 0");

        // The peer (100) took over and advertises every 0.1 s for a long while: it stays Master.
        for (var i = 0; i < 50; i++)
        {
            h.Receive("192.0.2.11", 100);
            h.Advance(Centiseconds(10));
        }

        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.Equal(IPAddressOf("192.0.2.11"), h.Router.MasterAddress);
    }

    [Fact]
    public void TrackerPriorityWhileDemoted_IsHeldBack_AndAppliesOnResume()
    {
        var h = new RouterHarness(V3(priority: 150, intervalCentiseconds: 10)).StartAsMaster();
        h.Router.Demote("demoted by operator uid 0");

        h.Router.SetEffectivePriority(130);
        Assert.Equal(VirtualRouter.DemotedPriority, h.Router.EffectivePriority);

        Assert.True(h.Router.Resume());
        Assert.Equal(130, h.Router.EffectivePriority);
        Assert.Null(h.Router.DemotedBecause);
    }

    [Fact]
    public void ResumedBackup_WithHigherPriority_PreemptsAfterTheDownInterval()
    {
        var h = new RouterHarness(V3(priority: 150, intervalCentiseconds: 10)).StartAsMaster();
        h.Router.Demote("demoted by operator uid 0");
        h.Receive("192.0.2.11", 100);

        h.Router.Resume();
        // §6.4.2: lower-priority adverts are now discarded, so the down timer runs out.
        for (var i = 0; i < 5; i++)
        {
            h.Advance(Centiseconds(10));
            h.Receive("192.0.2.11", 100);
        }

        Assert.Equal(VrrpState.Master, h.Router.State);
    }

    [Fact]
    public void DemoteTwice_ReportsAlreadyDemoted_ResumeWithoutDemote_ReportsNothingToDo()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();

        Assert.False(h.Router.Resume());
        Assert.True(h.Router.Demote("demoted by operator uid 0"));
        Assert.False(h.Router.Demote("demoted by operator uid 0"));
        Assert.Equal(VrrpState.Backup, h.Router.State);
    }

    [Fact]
    public void AddressOwner_CannotBeDemoted()
    {
        var h = new RouterHarness(V2(priority: 255));
        h.Router.Start();

        var refused = Assert.Throws<InvalidOperationException>(() => h.Router.Demote("demoted by operator uid 0"));
        Assert.Contains("address owner", refused.Message, StringComparison.Ordinal);
        Assert.Equal(VrrpState.Master, h.Router.State);
    }

    private static System.Net.IPAddress IPAddressOf(string text) => System.Net.IPAddress.Parse(text);
}
