using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

public class StartupTests
{
    [Fact]
    public void Owner_GoesMasterAtStart_WithoutWaiting()
    {
        var h = new RouterHarness(V2(priority: 255));

        h.Router.Start();

        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Equal(["advert 255", "add vips", "announce BecameMaster", "Initialize -> Master (startup as address owner)"], h.Ports.What);
        Assert.All(h.Ports.Calls, c => Assert.Equal(TimeSpan.Zero, c.At));
        Assert.Equal(Local4, h.Router.MasterAddress);
    }

    [Fact]
    public void NonOwner_StartsInBackup_WithTheFullDownTimer()
    {
        var h = new RouterHarness(V2(priority: 100));

        h.Router.Start();

        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.Equal(["Initialize -> Backup (startup)"], h.Ports.What);
        Assert.Equal(h.Start + Microseconds(3_609_375), h.Router.MasterDownTimerDueAt);
        Assert.Null(h.Router.MasterAddress);
    }

    [Fact]
    public void V2Backup_HearingNothing_BecomesMasterAfterExactly3609375Microseconds()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();

        h.Advance(Microseconds(3_609_374));
        Assert.Equal(VrrpState.Backup, h.Router.State);
        h.Advance(Microseconds(1));

        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Equal(Microseconds(3_609_375), h.Ports.AdvertTimes(100).Single());
    }

    [Fact]
    public void BecomingMaster_SendsAdvertThenAddsVipsThenAnnounces_KeepalivedOrder()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Ports.Clear();

        h.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(["advert 100", "add vips", "announce BecameMaster", "Backup -> Master (master down timer expired)"], h.Ports.What[..4]);
    }

    [Theory]
    [InlineData(5, 1_804_687)]   // 180.46875 ms (keepalived measured 0.181 s)
    [InlineData(1, 360_937)]     // 36.09375 ms
    public void V3Backup_HearingNothing_BecomesMasterAfterTheDownInterval_ToTheTick(int centiseconds, long downTicks)
    {
        var h = new RouterHarness(V3(priority: 100, intervalCentiseconds: centiseconds));
        h.Router.Start();

        h.Advance(TimeSpan.FromTicks(downTicks - 1));
        Assert.Equal(VrrpState.Backup, h.Router.State);
        h.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Equal(TimeSpan.FromTicks(downTicks), h.Router.LastTransition!.At - h.Start);
    }

    [Fact]
    public void Master_AdvertisesEveryAdvertisementInterval()
    {
        var h = new RouterHarness(V3(priority: 100, intervalCentiseconds: 5)).StartAsMaster();
        var becameMaster = h.Elapsed;

        h.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal(
            [becameMaster + Centiseconds(5), becameMaster + Centiseconds(10), becameMaster + Centiseconds(15), becameMaster + Centiseconds(20)],
            h.Ports.AdvertTimes(100));
    }

    [Fact]
    public void Start_WithAnActiveFaultCondition_GoesToFault()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.SetFaultCondition("link", true, "interface eth0 down");

        h.Router.Start();
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(VrrpState.Fault, h.Router.State);
        Assert.Equal(["Initialize -> Fault (interface eth0 down)"], h.Ports.What);
    }

    [Fact]
    public void Start_Twice_IsANoOp()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Advance(TimeSpan.FromSeconds(1));

        h.Router.Start();

        Assert.Equal(1, h.Router.Transitions);
        Assert.Equal(h.Start + Microseconds(3_609_375), h.Router.MasterDownTimerDueAt);
    }

    [Fact]
    public void Constructor_RejectsPriorityZeroAndIPv6ForV2()
    {
        var time = new FakeTimeProvider();
        var ports = new RecordingPorts(time);
        Assert.Throws<ArgumentOutOfRangeException>(() => new VirtualRouter(V2(priority: 0), time, ports));
        Assert.Throws<ArgumentException>(() => new VirtualRouter(V2() with { PrimaryAddress = Local6 }, time, ports));
    }
}
