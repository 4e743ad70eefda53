using Vrrpd.Health;

namespace Vrrpd.Tests.Health;

/// <summary>The weight table of docs/design/keepalived-compatibility.md §3, row by row, plus track_file and the owner rule.</summary>
public class TrackerPriorityTests
{
    private static TrackedCondition Script(TrackerState state, int weight, bool reverse = false) =>
        new("track_script chk", state, weight, reverse, "exit 1");

    [Theory]
    [InlineData(10, false, TrackerState.Ok, 110)]
    [InlineData(10, false, TrackerState.Failed, 100)]
    [InlineData(-10, false, TrackerState.Ok, 100)]
    [InlineData(-10, false, TrackerState.Failed, 90)]
    [InlineData(10, true, TrackerState.Ok, 90)]
    [InlineData(10, true, TrackerState.Failed, 100)]
    [InlineData(-10, true, TrackerState.Ok, 100)]
    [InlineData(-10, true, TrackerState.Failed, 110)]
    [InlineData(-10, false, TrackerState.Fatal, 90)]
    [InlineData(-10, false, TrackerState.Unknown, 100)]
    [InlineData(10, false, TrackerState.Unknown, 100)]
    public void WeightedTracker_FollowsKeepalivedTable(int weight, bool reverse, TrackerState state, int expected)
    {
        PriorityOutcome outcome = TrackerPriority.Compute(100, [Script(state, weight, reverse)]);

        Assert.Equal(expected, outcome.EffectivePriority);
        Assert.Empty(outcome.FaultReasons);
        Assert.Equal(expected - 100, outcome.Effects[0].Delta);
    }

    [Theory]
    [InlineData(false, TrackerState.Ok, false)]
    [InlineData(false, TrackerState.Failed, true)]
    [InlineData(false, TrackerState.Fatal, true)]
    [InlineData(true, TrackerState.Ok, true)]
    [InlineData(true, TrackerState.Failed, false)]
    public void WeightZero_FaultsInsteadOfChangingPriority(bool reverse, TrackerState state, bool fault)
    {
        PriorityOutcome outcome = TrackerPriority.Compute(100, [Script(state, 0, reverse)]);

        Assert.Equal(100, outcome.EffectivePriority);
        Assert.Equal(fault, outcome.Effects[0].FaultReason is not null);
    }

    [Fact]
    public void WeightZero_FailedReason_NamesTrackerAndCause()
    {
        PriorityOutcome outcome = TrackerPriority.Compute(100, [Script(TrackerState.Failed, 0)]);

        Assert.Equal(["track_script chk failed: exit 1"], outcome.FaultReasons);
    }

    [Fact]
    public void WeightZero_BeforeFirstResult_HoldsFault()
    {
        PriorityOutcome outcome = TrackerPriority.Compute(100, [Script(TrackerState.Unknown, 0)]);

        Assert.Equal(["track_script chk: waiting for its first result"], outcome.FaultReasons);
    }

    [Fact]
    public void Deltas_Sum_AndClampTo1And254()
    {
        Assert.Equal(254, TrackerPriority.Compute(200, [Script(TrackerState.Ok, 100), Script(TrackerState.Ok, 50)]).EffectivePriority);
        Assert.Equal(1, TrackerPriority.Compute(50, [Script(TrackerState.Failed, -100)]).EffectivePriority);
        Assert.Equal(95, TrackerPriority.Compute(100, [Script(TrackerState.Ok, 5), Script(TrackerState.Failed, -10)]).EffectivePriority);
    }

    [Fact]
    public void Owner_KeepsPriority255_AndIgnoresWeights_ButStillFaultsOnWeightZero()
    {
        PriorityOutcome outcome = TrackerPriority.Compute(255, [Script(TrackerState.Failed, -50), Script(TrackerState.Failed, 0)]);

        Assert.Equal(255, outcome.EffectivePriority);
        Assert.True(outcome.Effects[0].Ignored);
        Assert.Equal(0, outcome.Effects[0].Delta);
        Assert.Single(outcome.FaultReasons);
    }

    [Theory]
    [InlineData(0, 10, false, 100, false)]
    [InlineData(3, 10, false, 130, false)]
    [InlineData(3, 10, true, 70, false)]
    [InlineData(-2, 10, false, 80, false)]
    [InlineData(100, 10, false, 254, false)]   // capped at +253, then clamped to 254
    [InlineData(-26, 10, false, 100, true)]    // −260 ≤ −254: FAULT
    [InlineData(5, 0, false, 100, true)]       // weight 0, non-zero value: FAULT
    [InlineData(0, 0, false, 100, false)]
    public void TrackFile_DeltaIsValueTimesWeight(long value, int weight, bool reverse, int expected, bool fault)
    {
        var file = new TrackedCondition("track_file f", TrackerState.Ok, weight, reverse, FileValue: value);

        PriorityOutcome outcome = TrackerPriority.Compute(100, [file]);

        Assert.Equal(expected, outcome.EffectivePriority);
        Assert.Equal(fault, outcome.FaultReasons.Count == 1);
    }

    [Fact]
    public void TrackFile_HugeValue_DoesNotOverflow()
    {
        var file = new TrackedCondition("track_file f", TrackerState.Ok, 253, false, FileValue: long.MaxValue);

        Assert.Equal(254, TrackerPriority.Compute(100, [file]).EffectivePriority);
    }

    [Fact]
    public void NoConditions_KeepsBasePriority() =>
        Assert.Equal(100, TrackerPriority.Compute(100, []).EffectivePriority);
}
