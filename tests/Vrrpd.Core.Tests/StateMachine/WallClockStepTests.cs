using System.Net;
using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

/// <summary>
/// The state machine's intervals run on the monotonic clock. Stepping the wall clock (NTP, `date -s`, a VM resumed
/// with a corrected clock) moves neither a running Master_Down_Timer nor preempt_delay. Before, the rescale of the
/// down timer on a priority change computed "deadline - now" on the wall clock: a forward step plus a tracker
/// lowering the priority fired the timer at once, and the Backup became a second Master.
/// </summary>
public sealed class WallClockStepTests
{
    /// <summary>A clock whose wall time can be stepped while its monotonic time and timers go on undisturbed.</summary>
    private sealed class WallSteppedTime(FakeTimeProvider inner) : TimeProvider
    {
        public TimeSpan Step { get; set; }

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Step;

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            inner.CreateTimer(callback, state, dueTime, period);
    }

    private static readonly IPAddress Master = IPAddress.Parse("192.0.2.1");

    private static (FakeTimeProvider Monotonic, WallSteppedTime Clock, VirtualRouter Router) Backup(VirtualRouterSettings settings)
    {
        var monotonic = new FakeTimeProvider();
        var clock = new WallSteppedTime(monotonic);
        var router = new VirtualRouter(settings, clock, new RecordingPorts(clock));
        router.Start();
        return (monotonic, clock, router);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void PriorityChangeInBackup_AfterAWallClockStep_KeepsTheDownTimersMonotonicDeadline(int direction)
    {
        var (monotonic, clock, router) = Backup(V2(priority: 100));
        router.ReceiveAdvertisement(new ReceivedAdvertisement(Master, 200, TimeSpan.FromSeconds(1)));
        monotonic.Advance(TimeSpan.FromSeconds(1));

        clock.Step = TimeSpan.FromHours(direction);
        router.SetEffectivePriority(90);   // a tracker lowers the priority: Skew_Time changes, the timer is rescaled

        Assert.Equal(VrrpState.Backup, router.State);
        // Master_Down_Interval at 90: 3 s + (256 - 90) / 256 s = 3.6484375 s from the advert, 1 s of which has passed.
        monotonic.Advance(TimeSpan.FromTicks(26_484_375 - 1));
        Assert.Equal(VrrpState.Backup, router.State);
        monotonic.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(VrrpState.Master, router.State);
    }

    [Fact]
    public void PreemptDelay_IsNotCutShortByAForwardWallClockStep()
    {
        // preempt_delay 10 s, local 150; a lower Master (100) advertises every second.
        var (monotonic, clock, router) = Backup(V2(priority: 150, preemptDelay: TimeSpan.FromSeconds(10)));
        router.ReceiveAdvertisement(new ReceivedAdvertisement(Master, 100, TimeSpan.FromSeconds(1)));   // the delay starts
        clock.Step = TimeSpan.FromHours(1);
        for (int second = 1; second <= 8; second++)
        {
            monotonic.Advance(TimeSpan.FromSeconds(1));
            router.ReceiveAdvertisement(new ReceivedAdvertisement(Master, 100, TimeSpan.FromSeconds(1)));
        }

        // Still inside the delay on the monotonic clock: every lower advert was accepted, so no takeover is due.
        monotonic.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(VrrpState.Backup, router.State);
    }

    [Fact]
    public void PreemptDelay_IsNotProlongedByABackwardWallClockStep()
    {
        var (monotonic, clock, router) = Backup(V2(priority: 150, preemptDelay: TimeSpan.FromSeconds(5)));
        router.ReceiveAdvertisement(new ReceivedAdvertisement(Master, 100, TimeSpan.FromSeconds(1)));
        clock.Step = -TimeSpan.FromHours(1);
        for (int second = 1; second <= 20 && router.State == VrrpState.Backup; second++)
        {
            monotonic.Advance(TimeSpan.FromSeconds(1));
            router.ReceiveAdvertisement(new ReceivedAdvertisement(Master, 100, TimeSpan.FromSeconds(1)));
        }

        monotonic.Advance(TimeSpan.FromSeconds(4));
        // Accepted up to 4 s after the first lower advert, discarded from 5 s: Master at 4 s + 3.4140625 s.
        Assert.Equal(VrrpState.Master, router.State);
    }

    [Fact]
    public void AdvertArrivalStamp_AfterABackwardStep_DoesNotPushTheDownTimerLater()
    {
        var (monotonic, clock, router) = Backup(V2(priority: 100));
        // The kernel stamped the advert before the step; the daemon reads it after: its age looks like an hour.
        var stamped = clock.GetUtcNow();
        clock.Step = -TimeSpan.FromHours(1);
        router.ReceiveAdvertisement(new ReceivedAdvertisement(Master, 200, TimeSpan.FromSeconds(1), stamped));

        // A negative age counts as zero: the interval starts now, not an hour in the future.
        monotonic.Advance(TimeSpan.FromTicks(36_093_750));
        Assert.Equal(VrrpState.Master, router.State);
    }
}
