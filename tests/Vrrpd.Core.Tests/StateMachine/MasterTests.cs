using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

public class MasterTests
{
    [Fact]
    public void Master_ReceivesPriorityZero_AdvertisesAtOnceAndResetsAdverTimer()
    {
        var h = new RouterHarness(V2(priority: 100)).StartAsMaster();
        var t0 = h.Elapsed;
        h.Advance(TimeSpan.FromMilliseconds(400));

        h.Receive("192.0.2.1", 0);
        h.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Equal([t0 + TimeSpan.FromMilliseconds(400), t0 + TimeSpan.FromMilliseconds(1400)], h.Ports.AdvertTimes(100));
    }

    [Fact]
    public void Master_ReceivesHigherPriority_SendsOneLastAdvertAtItsPriority_GoesBackupAndRemovesVips_WithoutPriorityZero()
    {
        var h = new RouterHarness(V2(priority: 100)).StartAsMaster();

        h.Receive("192.0.2.1", 150);

        Assert.Equal(VrrpState.Backup, h.Router.State);
        // The last advert tells the winner that a lower Master was here, so it announces its VIPs at once.
        Assert.Equal(["advert 100", "remove vips", "Master -> Backup (higher priority 150 from 192.0.2.1)"], h.Ports.What);
        Assert.Null(h.Router.AdverTimerDueAt);
        Assert.Equal(System.Net.IPAddress.Parse("192.0.2.1"), h.Router.MasterAddress);
        Assert.Equal(h.Time.GetUtcNow() + Microseconds(3_609_375), h.Router.MasterDownTimerDueAt);
        h.Ports.Clear();
        h.Advance(TimeSpan.FromSeconds(3));
        Assert.Empty(h.Ports.AdvertTimes());
    }

    [Fact]
    public void V3Master_YieldingToAHigherPriority_LearnsItsInterval()
    {
        var h = new RouterHarness(V3(priority: 100, intervalCentiseconds: 100)).StartAsMaster();

        h.Receive("192.0.2.1", 150, Centiseconds(5));

        Assert.Equal(Centiseconds(5), h.Router.MasterAdverInterval);
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromTicks(1_804_687), h.Router.MasterDownTimerDueAt);
    }

    [Theory]
    [InlineData("192.0.2.10", "192.0.2.11")]
    [InlineData("192.0.2.10", "192.0.2.200")]
    [InlineData("fe80::10", "fe80::11")]
    [InlineData("fe80::ff:fe00:a01", "fe80::ff:fe00:b01")]
    public void Master_ReceivesEqualPriorityFromHigherAddress_GoesBackup(string local, string sender)
    {
        var h = new RouterHarness(V3(priority: 100, primary: System.Net.IPAddress.Parse(local))).StartAsMaster();

        h.Receive(sender, 100);

        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.Equal($"equal priority 100 from higher address {sender}", h.Router.LastTransition!.Reason);
    }

    [Theory]
    [InlineData("192.0.2.10", "192.0.2.9")]
    [InlineData("192.0.2.200", "192.0.2.10")]
    [InlineData("fe80::10", "fe80::f")]
    public void Master_ReceivesEqualPriorityFromLowerAddress_StaysAndReasserts(string local, string sender)
    {
        var h = new RouterHarness(V3(priority: 100, primary: System.Net.IPAddress.Parse(local))).StartAsMaster();

        h.Receive(sender, 100);

        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Equal(["advert 100", "announce LowerPriorityHeard"], h.Ports.What);
    }

    [Fact]
    public void Master_ReceivesLowerPriority_AdvertisesAtOnceAndAnnounces_Rfc9568()
    {
        var h = new RouterHarness(V2(priority: 150)).StartAsMaster();
        var t0 = h.Elapsed;
        h.Advance(TimeSpan.FromMilliseconds(250));

        h.Receive("192.0.2.1", 100);
        h.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Equal(["advert 150", "announce LowerPriorityHeard", "advert 150"], h.Ports.What);
        Assert.Equal([t0 + TimeSpan.FromMilliseconds(250), t0 + TimeSpan.FromMilliseconds(1250)], h.Ports.AdvertTimes());
    }

    [Fact]
    public void Master_ReceivesItsOwnAdvertLoopedBack_IgnoresIt()
    {
        var h = new RouterHarness(V2(priority: 100)).StartAsMaster();

        h.Receive(Local4.ToString(), 100);

        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Empty(h.Ports.Calls);
    }

    [Fact]
    public void Owner_IgnoresEveryAdvert_EvenHigherOnesAndPriorityZero()
    {
        var h = new RouterHarness(V2(priority: 255));
        h.Router.Start();
        h.Ports.Clear();

        h.Receive("192.0.2.200", 255);
        h.Receive("192.0.2.1", 0);
        h.Receive("192.0.2.1", 100);

        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Empty(h.Ports.Calls);
    }

    [Fact]
    public void AdvertsInInitialize_AreIgnored()
    {
        var h = new RouterHarness(V2(priority: 100));

        h.Receive("192.0.2.1", 150);

        Assert.Equal(VrrpState.Initialize, h.Router.State);
        Assert.Empty(h.Ports.Calls);
        Assert.Null(h.Router.MasterAddress);
    }

    [Fact]
    public void SetPrimaryAddress_ChangesTheTieBreak_WithoutATransition()
    {
        var h = new RouterHarness(V3(priority: 100, primary: System.Net.IPAddress.Parse("192.0.2.10"))).StartAsMaster();
        var transitions = h.Router.Transitions;

        h.Router.SetPrimaryAddress(System.Net.IPAddress.Parse("192.0.2.200"));
        h.Receive("192.0.2.11", 100);

        // 192.0.2.11 < 192.0.2.200 now: the Master keeps its role (RFC 5798 §6.4.3) and reports its new address.
        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Equal(transitions, h.Router.Transitions);
        Assert.Equal(System.Net.IPAddress.Parse("192.0.2.200"), h.Router.MasterAddress);
    }
}
