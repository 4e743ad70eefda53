using Vrrpd.Configuration;
using Vrrpd.Health;

namespace Vrrpd.Tests.Health;

/// <summary>Polling, timeouts, skipped polls and urgent results, in virtual time.</summary>
public class TrackerRunnerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedProbe _probe = new();

    private TrackerRunner Start(TimeSpan interval, TimeSpan timeout, int rise = 1, int fall = 1, List<TrackerState>? changes = null)
    {
        var timing = TrackerTiming.Default with { Interval = interval, Timeout = timeout, Rise = rise, Fall = fall };
        var runner = new TrackerRunner(new Tracker("chk", TrackerKind.Script, timing), _probe, _time);
        if (changes is not null) runner.Changed += r => changes.Add(r.Tracker.State);
        runner.Start();
        return runner;
    }

    /// <summary>A probe's answer may resume the runner on another thread; wait until it has been taken.</summary>
    private static void WaitUntilIdle(TrackerRunner runner) =>
        Assert.True(SpinWait.SpinUntil(() => !runner.PollInFlight, TimeSpan.FromSeconds(5)), "the poll never finished");

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Start_StartsProbeAndPollsAtOnce_ThenEveryInterval()
    {
        using var runner = Start(S(2), S(2));

        Assert.Equal(1, _probe.Started);
        Assert.Equal(1, _probe.Polls);
        Assert.Equal(TrackerState.Ok, runner.Tracker.State);
        _time.Advance(S(1.9));
        Assert.Equal(1, _probe.Polls);
        _time.Advance(S(0.1));
        Assert.Equal(2, _probe.Polls);
        _time.Advance(S(4));
        Assert.Equal(4, _probe.Polls);
    }

    [Fact]
    public void RepollRequested_PollsAtOnce_AndARecoveryCountsTowardsRiseWithoutWaitingAnInterval()
    {
        var changes = new List<TrackerState>();
        _probe.Next = CheckResult.Unhealthy("container exited");
        using var runner = Start(S(5), S(5), changes: changes);
        Assert.Equal(TrackerState.Failed, runner.Tracker.State);

        _probe.Next = CheckResult.Healthy("running");
        _probe.RequestRepoll();   // e.g. the engine's "start" event: the next interval is 5 s away

        Assert.Equal(2, _probe.Polls);
        Assert.Equal(TrackerState.Ok, runner.Tracker.State);
        runner.Dispose();
        _probe.RequestRepoll();
        Assert.Equal(2, _probe.Polls);   // unsubscribed on dispose
    }

    [Fact]
    public void Changed_IsRaisedOnStateChangesOnly()
    {
        var changes = new List<TrackerState>();
        using var runner = Start(S(1), S(1), fall: 2, changes: changes);

        _time.Advance(S(3));                        // three more OK polls: no change
        _probe.Next = CheckResult.Unhealthy("exit 1");
        _time.Advance(S(1));                        // first failure: reason changes, state stays OK
        _time.Advance(S(1));                        // second failure: Failed

        Assert.Equal([TrackerState.Ok, TrackerState.Ok, TrackerState.Failed], changes);
    }

    [Fact]
    public void KeepalivedMeasurement_Interval1Fall2_DetectsWithinOneToTwoIntervals()
    {
        // keepalived 2.2.7 (interval 1, fall 2) detected a failure 1.7–2.1 s after it happened.
        using var runner = Start(S(1), S(1), fall: 2);
        _time.Advance(S(0.3));
        _probe.Next = CheckResult.Unhealthy("exit 1");
        DateTimeOffset failedAt = _time.GetUtcNow();

        while (runner.Tracker.State == TrackerState.Ok) _time.Advance(S(0.01));

        TimeSpan detection = _time.GetUtcNow() - failedAt;
        Assert.InRange(detection.TotalSeconds, 1.0, 2.0);
        Assert.Equal(1.7, detection.TotalSeconds, 2);
    }

    [Fact]
    public void Timeout_CountsAsFailure_WithTheTimeInTheReason()
    {
        using var runner = Start(S(5), S(2));
        _time.Advance(S(5));
        _probe.Next = null;

        _time.Advance(S(5));
        Assert.Equal(TrackerState.Ok, runner.Tracker.State);
        _time.Advance(S(1.99));
        Assert.Equal(TrackerState.Ok, runner.Tracker.State);
        _time.Advance(S(0.01));

        Assert.Equal(TrackerState.Failed, runner.Tracker.State);
        Assert.Equal("timed out after 2 s", runner.Tracker.LastReason);
    }

    [Fact]
    public void ProbeIgnoringItsToken_StillTimesOut_AndItsLateAnswerIsDropped()
    {
        _probe.Next = null;
        _probe.HonoursToken = false;
        using var runner = Start(S(5), S(2));

        _time.Advance(S(2));
        Assert.Equal(TrackerState.Failed, runner.Tracker.State);

        _probe.Finish(CheckResult.Healthy("late"));
        WaitUntilIdle(runner);

        Assert.Equal(TrackerState.Failed, runner.Tracker.State);
        Assert.Equal("timed out after 2 s", runner.Tracker.LastReason);
    }

    [Fact]
    public void PollStillRunning_NextPollIsSkipped()
    {
        _probe.Next = null;
        using var runner = Start(S(1), S(3));

        _time.Advance(S(2.5));                      // polls due at 1 and 2 are skipped: the first still runs

        Assert.Equal(1, _probe.Polls);
        Assert.Equal(TrackerState.Unknown, runner.Tracker.State);
        _probe.Next = CheckResult.Healthy("ok");
        _probe.Finish(CheckResult.Healthy("slow but fine"));
        WaitUntilIdle(runner);
        Assert.Equal("slow but fine", runner.Tracker.LastReason);
        Assert.Equal(TrackerState.Ok, runner.Tracker.State);
        _time.Advance(S(0.5));
        Assert.Equal(2, _probe.Polls);
    }

    [Fact]
    public void HungProbe_EveryIntervalAfterItsTimeoutFails_SoFallIsReached()
    {
        var changes = new List<TrackerState>();
        using var runner = Start(S(1), S(0.5), fall: 3, changes: changes);
        _probe.Next = null;
        _probe.HonoursToken = false;

        _time.Advance(S(1));                        // poll 2 hangs
        _time.Advance(S(0.5));                      // its timeout: failure 1
        _time.Advance(S(0.5));                      // poll 3 skipped behind a hung one: failure 2
        Assert.Equal(TrackerState.Ok, runner.Tracker.State);
        _time.Advance(S(1));                        // failure 3

        Assert.Equal(TrackerState.Failed, runner.Tracker.State);
        Assert.Equal(2, _probe.Polls);
        Assert.StartsWith("previous check still running", runner.Tracker.LastReason);
    }

    [Fact]
    public void UrgentResult_IsTakenAtOnce_BetweenPolls()
    {
        var changes = new List<TrackerState>();
        using var runner = Start(S(10), S(10), fall: 3, changes: changes);
        _time.Advance(S(0.2));

        _probe.RaiseUrgent(CheckResult.FatalFault("GPU 0: Xid 79, fallen off the bus", latch: true));

        Assert.Equal(TrackerState.Fatal, runner.Tracker.State);
        Assert.Equal(_time.GetUtcNow(), runner.Tracker.LastChange);
        Assert.Equal([TrackerState.Ok, TrackerState.Fatal], changes);
    }

    [Fact]
    public void ClearLatch_RaisesChanged_AndRiseGoodPollsRecover()
    {
        var changes = new List<TrackerState>();
        using var runner = Start(S(1), S(1), rise: 2, changes: changes);
        _probe.RaiseUrgent(CheckResult.FatalFault("Xid 79", latch: true));
        _time.Advance(S(3));
        Assert.Equal(TrackerState.Fatal, runner.Tracker.State);

        Assert.True(runner.ClearLatch());
        _time.Advance(S(2));

        Assert.Equal([TrackerState.Ok, TrackerState.Fatal, TrackerState.Failed, TrackerState.Failed, TrackerState.Ok], changes);
    }

    [Fact]
    public void ProbeThatThrows_IsAFailureNamingTheError()
    {
        var probe = new ThrowingProbe();
        using var runner = new TrackerRunner(new Tracker("chk", TrackerKind.Script, TrackerTiming.Default), probe, _time);

        runner.Start();

        Assert.Equal(TrackerState.Failed, runner.Tracker.State);
        Assert.Equal("check failed: boom", runner.Tracker.LastReason);
    }

    [Fact]
    public void Dispose_StopsPollingAndDisposesTheProbe()
    {
        var runner = Start(S(1), S(1));

        runner.Dispose();
        _time.Advance(S(5));

        Assert.Equal(1, _probe.Polls);
        Assert.True(_probe.Disposed);
        Assert.Equal(0, _time.ActiveTimerCount);
    }

    private sealed class ThrowingProbe : IHealthProbe
    {
        public string Kind => "test";
        public IReadOnlyList<Measurement> Measurements => [];
        public event Action<CheckResult>? Urgent { add { } remove { } }
        public void Start() { }
        public ValueTask<CheckResult> ProbeAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
        public void Dispose() { }
    }
}
