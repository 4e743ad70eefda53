using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

/// <summary>
/// Quorum ownership as the state machine sees it (docs/design/ownership.md §8): every way into Master asks the
/// permit; a router refused waits in Backup with no timer and no addresses until the permit is granted; a Master
/// whose permit is revoked leaves at once with a priority-0 advert; a waiting router that hears a Master stops
/// wanting the permit.
/// </summary>
public class MasterPermitTests
{
    private sealed class Permit(bool grant) : IMasterPermit
    {
        public bool Grant { get; set; } = grant;
        public int Requests { get; private set; }
        public int Withdrawals { get; private set; }

        public bool Request()
        {
            Requests++;
            return Grant;
        }

        public void Withdraw() => Withdrawals++;

        public bool Contend { get; set; }

        public bool MayContend => Contend;
    }

    private static RouterHarness Started(Permit permit, byte priority = 100)
    {
        var h = new RouterHarness(V3(priority: priority, intervalCentiseconds: 10));
        h.Router.Permit = permit;
        h.Router.Start();
        return h;
    }

    [Fact]
    public void DownTimerExpiry_WithoutThePermit_WaitsInBackup_WithNoAddressesAndNoTimer()
    {
        var permit = new Permit(grant: false);
        var h = Started(permit);

        h.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.True(h.Router.WaitingForPermit);
        Assert.Equal(1, permit.Requests);
        Assert.Null(h.Router.MasterDownTimerDueAt);
        Assert.DoesNotContain("add vips", h.Ports.What);
        Assert.Empty(h.Ports.AdvertTimes());
    }

    [Fact]
    public void PermitGranted_WhileWaiting_BecomesMaster_AndAddsItsAddresses()
    {
        var permit = new Permit(grant: false);
        var h = Started(permit);
        h.Advance(TimeSpan.FromSeconds(1));

        h.Router.PermitGranted();

        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.False(h.Router.WaitingForPermit);
        Assert.Contains("add vips", h.Ports.What);
        Assert.Contains(h.Ports.What, w => w.StartsWith("Backup -> Master (master down timer expired; ownership acquired", StringComparison.Ordinal));
    }

    [Fact]
    public void PermitGranted_WhenNotWaiting_ChangesNothing()
    {
        var h = Started(new Permit(grant: false));
        h.Router.PermitGranted();
        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.DoesNotContain("add vips", h.Ports.What);
    }

    [Fact]
    public void AMasterHeardWhileWaiting_EndsTheWait_AndWithdrawsTheRequest_ThenAGrantChangesNothing()
    {
        var permit = new Permit(grant: false);
        var h = Started(permit);
        h.Advance(TimeSpan.FromSeconds(1));

        h.Receive("192.0.2.1", 150);

        Assert.False(h.Router.WaitingForPermit);
        Assert.Equal(1, permit.Withdrawals);
        Assert.NotNull(h.Router.MasterDownTimerDueAt);
        h.Router.PermitGranted();
        Assert.Equal(VrrpState.Backup, h.Router.State);
    }

    [Fact]
    public void PermitRevoked_MasterSendsPriorityZero_RemovesItsAddresses_AndGoesBackup()
    {
        var permit = new Permit(grant: true);
        var h = Started(permit);
        h.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(VrrpState.Master, h.Router.State);
        h.Ports.Clear();

        h.Router.PermitRevoked("ownership lost: lease not renewed in time");

        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.Equal(["advert 0", "remove vips", "Master -> Backup (ownership lost: lease not renewed in time)"], h.Ports.What);
    }

    [Fact]
    public void Fault_WhileWaiting_WithdrawsTheRequest()
    {
        var permit = new Permit(grant: false);
        var h = Started(permit);
        h.Advance(TimeSpan.FromSeconds(1));

        h.Router.SetFaultCondition("interface", true, "interface eth0 down");

        Assert.Equal(VrrpState.Fault, h.Router.State);
        Assert.False(h.Router.WaitingForPermit);
        Assert.Equal(1, permit.Withdrawals);
    }

    [Fact]
    public void AddressOwner_StartsMaster_OnlyWithThePermit()
    {
        var permit = new Permit(grant: false);
        var h = Started(permit, priority: 255);

        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.True(h.Router.WaitingForPermit);

        h.Router.PermitGranted();
        Assert.Equal(VrrpState.Master, h.Router.State);
    }

    [Fact]
    public void WithoutAPermit_VrrpAloneDecides()
    {
        var h = new RouterHarness(V3(priority: 100, intervalCentiseconds: 10));
        h.Router.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(VrrpState.Master, h.Router.State);
    }

    [Fact]
    public void Waiting_AndHearingALowerPriorityMasterThatHoldsThePermit_Advertises_SoThatMasterYields()
    {
        var permit = new Permit(grant: false) { Contend = true };
        var h = Started(permit, priority: 150);
        h.Advance(TimeSpan.FromSeconds(1));
        h.Ports.Clear();

        h.Receive("192.0.2.1", 100);

        Assert.Equal(["advert 150"], h.Ports.What);
        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.True(h.Router.WaitingForPermit);
    }

    [Fact]
    public void Waiting_WithoutAQuorum_StaysSilent_BesideALowerPriorityMaster()
    {
        var permit = new Permit(grant: false) { Contend = false };
        var h = Started(permit, priority: 150);
        h.Advance(TimeSpan.FromSeconds(1));
        h.Ports.Clear();

        h.Receive("192.0.2.1", 100);

        Assert.Empty(h.Ports.AdvertTimes());
    }
}
