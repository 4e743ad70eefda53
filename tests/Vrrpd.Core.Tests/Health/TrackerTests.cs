using Vrrpd.Configuration;
using Vrrpd.Health;

namespace Vrrpd.Tests.Health;

/// <summary>keepalived's tracked-script counter (vrrp_scheduler.c), result by result.</summary>
public class TrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CheckResult Ok = CheckResult.Healthy("exit 0");
    private static readonly CheckResult Bad = CheckResult.Unhealthy("exit 1");

    private static Tracker Make(int rise = 1, int fall = 1, bool initFail = false) =>
        new("chk", TrackerKind.Script, TrackerTiming.Default with { Rise = rise, Fall = fall, InitFail = initFail });

    private static TrackerState[] Feed(Tracker tracker, params CheckResult[] results) =>
        results.Select((r, i) => { tracker.Apply(r, T0.AddSeconds(i)); return tracker.State; }).ToArray();

    [Fact]
    public void NewTracker_IsUnknownWithCounterAtRiseMinusOne()
    {
        var tracker = Make(rise: 3, fall: 2);

        Assert.Equal(TrackerState.Unknown, tracker.State);
        Assert.Equal(2, tracker.Counter);
        Assert.Null(tracker.LastChange);
        Assert.False(tracker.IsHealthy);
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(1, 1)]
    [InlineData(5, 5)]
    public void FirstSuccess_DecidesOk_EvenWithRiseAboveOne(int rise, int fall)
    {
        var tracker = Make(rise, fall);

        Assert.True(tracker.Apply(Ok, T0));
        Assert.Equal(TrackerState.Ok, tracker.State);
        Assert.Equal(rise + fall - 1, tracker.Counter);
        Assert.Equal(T0, tracker.LastChange);
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(1, 4)]
    public void FirstFailure_DecidesFailed_EvenWithFallAboveOne(int rise, int fall)
    {
        var tracker = Make(rise, fall);

        Assert.True(tracker.Apply(Bad, T0));
        Assert.Equal(TrackerState.Failed, tracker.State);
        Assert.Equal(0, tracker.Counter);
    }

    [Fact]
    public void Ok_NeedsFallConsecutiveFailuresToFail()
    {
        var tracker = Make(rise: 2, fall: 3);

        var states = Feed(tracker, Ok, Bad, Bad, Bad);

        Assert.Equal([TrackerState.Ok, TrackerState.Ok, TrackerState.Ok, TrackerState.Failed], states);
    }

    [Fact]
    public void OneSuccessBetweenFailures_RestoresFullCredit()
    {
        // keepalived jumps the counter back to rise+fall−1 on any success while OK.
        var tracker = Make(rise: 1, fall: 3);

        var states = Feed(tracker, Ok, Bad, Bad, Ok, Bad, Bad, Bad);

        Assert.Equal(TrackerState.Ok, states[5]);
        Assert.Equal(TrackerState.Failed, states[6]);
    }

    [Fact]
    public void Failed_NeedsRiseConsecutiveSuccessesToRecover()
    {
        var tracker = Make(rise: 3, fall: 1);
        Feed(tracker, Bad);

        var states = Feed(tracker, Ok, Ok, Ok);

        Assert.Equal([TrackerState.Failed, TrackerState.Failed, TrackerState.Ok], states);
    }

    [Fact]
    public void FailureDuringRise_StartsTheCountAgain()
    {
        var tracker = Make(rise: 2, fall: 1);
        Feed(tracker, Bad);

        var states = Feed(tracker, Ok, Bad, Ok, Ok);

        Assert.Equal([TrackerState.Failed, TrackerState.Failed, TrackerState.Failed, TrackerState.Ok], states);
    }

    [Fact]
    public void InitFail_StartsFailedAndNeedsRiseSuccesses()
    {
        var tracker = Make(rise: 2, fall: 2, initFail: true);

        Assert.Equal(TrackerState.Failed, tracker.State);
        Assert.Equal(0, tracker.Counter);
        var states = Feed(tracker, Ok, Ok);
        Assert.Equal([TrackerState.Failed, TrackerState.Ok], states);
    }

    [Fact]
    public void Fatal_FailsAtOnceRegardlessOfFall()
    {
        var tracker = Make(rise: 1, fall: 5);
        Feed(tracker, Ok);

        Assert.True(tracker.Apply(CheckResult.FatalFault("GPU 0: Xid 79, fallen off the bus"), T0.AddSeconds(5)));

        Assert.Equal(TrackerState.Failed, tracker.State);
        Assert.Equal("GPU 0: Xid 79, fallen off the bus", tracker.LastReason);
        Assert.Equal(T0.AddSeconds(5), tracker.LastChange);
    }

    [Fact]
    public void NonLatchingFatal_RecoversAfterRiseSuccesses()
    {
        var tracker = Make(rise: 2, fall: 5);
        Feed(tracker, Ok, CheckResult.FatalFault("container died"));

        var states = Feed(tracker, Ok, Ok);

        Assert.Equal([TrackerState.Failed, TrackerState.Ok], states);
    }

    [Fact]
    public void LatchedFatal_IgnoresSuccessesUntilCleared_ThenNeedsRise()
    {
        var tracker = Make(rise: 2, fall: 1);
        Feed(tracker, Ok, CheckResult.FatalFault("Xid 79", latch: true));
        Assert.Equal(TrackerState.Fatal, tracker.State);

        Feed(tracker, Ok, Ok, Ok, Ok);
        Assert.Equal(TrackerState.Fatal, tracker.State);
        Assert.Equal("Xid 79", tracker.LastReason);

        Assert.True(tracker.ClearLatch(T0.AddMinutes(1)));
        Assert.Equal(TrackerState.Failed, tracker.State);
        var states = Feed(tracker, Ok, Ok);
        Assert.Equal([TrackerState.Failed, TrackerState.Ok], states);
    }

    [Fact]
    public void TheLastResultsFacts_StayWithItsReason_AndALatchKeepsTheFaults()
    {
        var tracker = Make();
        var xid79 = CheckResult.FatalFault("GPU 1: Xid 79, fallen off the bus", latch: true, new CheckFacts(Gpu: 1, Xid: 79));

        tracker.Apply(Ok, T0);
        Assert.Null(tracker.LastFacts);
        tracker.Apply(xid79, T0.AddSeconds(1));
        Assert.Equal(new CheckFacts(1, 79), tracker.LastFacts);

        // Latched: good results neither hide the reason nor its facts.
        tracker.Apply(Ok, T0.AddSeconds(2));
        Assert.Equal(new CheckFacts(1, 79), tracker.LastFacts);

        Assert.True(tracker.ClearLatch(T0.AddMinutes(1)));
        Assert.Null(tracker.LastFacts);
    }

    [Fact]
    public void ClearLatch_WhenNotLatched_ChangesNothing()
    {
        var tracker = Make();
        Feed(tracker, Bad);

        Assert.False(tracker.ClearLatch(T0));
        Assert.Equal(TrackerState.Failed, tracker.State);
    }

    [Fact]
    public void FailuresTotal_CountsEveryFailedResult_NotStateChanges()
    {
        var tracker = Make(rise: 1, fall: 3);

        Feed(tracker, Ok, Bad, Bad, Ok, Bad, CheckResult.FatalFault("x"));

        Assert.Equal(4, tracker.FailuresTotal);
    }

    [Fact]
    public void Apply_ReturnsFalse_WhenStateStays()
    {
        var tracker = Make(rise: 1, fall: 2);
        tracker.Apply(Ok, T0);

        Assert.False(tracker.Apply(Bad, T0.AddSeconds(1)));
        Assert.Equal(T0, tracker.LastChange);
        Assert.Equal("exit 1", tracker.LastReason);
    }
}
