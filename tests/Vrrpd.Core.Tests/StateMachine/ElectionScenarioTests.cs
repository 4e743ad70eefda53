using System.Net;
using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

/// <summary>Two routers on a simulated link: the keepalived 2.2.7 timings of docs/design/keepalived-compatibility.md §9.</summary>
public class ElectionScenarioTests
{
    private static readonly TimeSpan Skew100 = Microseconds(609_375);
    private static readonly TimeSpan Down100 = Microseconds(3_609_375);
    private static readonly TimeSpan Down150 = TimeSpan.FromTicks(34_140_625);

    private readonly FakeTimeProvider _time = new();
    private readonly DateTimeOffset _start;
    private readonly SimulatedLink _link;
    private readonly (VirtualRouter Router, RecordingPorts Ports) _a;
    private readonly (VirtualRouter Router, RecordingPorts Ports) _b;

    public ElectionScenarioTests()
    {
        _start = _time.GetUtcNow();
        _link = new SimulatedLink(_time);
        _a = _link.Attach(V2(priority: 150, name: "A") with { PrimaryAddress = IPAddress.Parse("192.0.2.1") });
        _b = _link.Attach(V2(priority: 100, name: "B") with { PrimaryAddress = IPAddress.Parse("192.0.2.2") });
    }

    private TimeSpan Elapsed => _time.GetUtcNow() - _start;

    [Fact]
    public void HigherPriority_WinsTheElection_AfterItsDownInterval()
    {
        _a.Router.Start();
        _b.Router.Start();

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(VrrpState.Master, _a.Router.State);
        Assert.Equal(VrrpState.Backup, _b.Router.State);
        Assert.Equal(Down150, _a.Router.LastTransition!.At - _start);   // keepalived measured 3.415 s
        Assert.Equal(IPAddress.Parse("192.0.2.1"), _b.Router.MasterAddress);
    }

    [Fact]
    public void GracefulStop_BackupTakesOverSkewTimeAfterThePriorityZeroAdvert()
    {
        _a.Router.Start();
        _b.Router.Start();
        _time.Advance(TimeSpan.FromSeconds(10.5));

        _a.Router.Stop();
        _time.Advance(TimeSpan.FromSeconds(2));

        // keepalived measured 0.614 s from the priority-0 advert to B's first advert.
        Assert.Equal(VrrpState.Master, _b.Router.State);
        Assert.Equal(SimulatedLink.Delay + Skew100, _b.Ports.AdvertTimes(100).First() - _a.Ports.AdvertTimes(0).Single());
    }

    [Fact]
    public void MasterHardFailure_BackupTakesOverOneDownIntervalAfterTheLastAdvert()
    {
        _a.Router.Start();
        _b.Router.Start();
        _time.Advance(TimeSpan.FromSeconds(10.5));

        _link.Connected = false;                                   // A goes silent (SIGSTOP)
        _time.Advance(TimeSpan.FromSeconds(5));

        var lastAdvertFromA = _a.Ports.AdvertTimes(150).Last(t => t <= TimeSpan.FromSeconds(10.5));
        Assert.Equal(lastAdvertFromA + SimulatedLink.Delay + Down100, _b.Router.LastTransition!.At - _start);   // measured 3.610 s
    }

    [Fact]
    public void SplitBrain_HealsOnTheFirstAdvertAfterTheLinkReturns()
    {
        _link.Connected = false;
        _a.Router.Start();
        _b.Router.Start();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(VrrpState.Master, _a.Router.State);
        Assert.Equal(VrrpState.Master, _b.Router.State);

        _link.Connected = true;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(VrrpState.Master, _a.Router.State);
        Assert.Equal(VrrpState.Backup, _b.Router.State);
        Assert.Equal("higher priority 150 from 192.0.2.1", _b.Router.LastTransition!.Reason);
    }

    [Fact]
    public void TrackerDemotion_ThenRecovery_PreemptsBack()
    {
        _a.Router.Start();
        _b.Router.Start();
        _time.Advance(TimeSpan.FromSeconds(10.5));

        _a.Router.SetEffectivePriority(90);                        // weight -60: 150 -> 90 < 100
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(VrrpState.Master, _b.Router.State);
        Assert.Equal(VrrpState.Backup, _a.Router.State);
        var lastAdvertAt150 = _a.Ports.AdvertTimes(150).Last();
        Assert.Equal(lastAdvertAt150 + SimulatedLink.Delay + Down100, _b.Router.LastTransition!.At - _start);

        var restoredAt = Elapsed;
        _a.Router.SetEffectivePriority(150);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(VrrpState.Master, _a.Router.State);
        Assert.Equal(VrrpState.Backup, _b.Router.State);
        // The down timer, armed at B's last accepted advert, is rescaled to A's 150 down interval: measured ≈ 3.4 s.
        var lastAcceptedFromB = _b.Ports.AdvertTimes(100).Last(t => t + SimulatedLink.Delay <= restoredAt);
        Assert.Equal(lastAcceptedFromB + SimulatedLink.Delay + Down150, _a.Router.LastTransition!.At - _start);
    }
}
