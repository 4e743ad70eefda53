using Vrrpd.Configuration;
using Vrrpd.Health;
using Vrrpd.Tests.Configuration;

namespace Vrrpd.Tests.Health;

/// <summary>The count of matching processes turned into a verdict, with terminate_delay and fork_delay, in virtual
/// time (docs/design/process-tracking.md §3).</summary>
public class ProcessQuorumTests
{
    private readonly FakeTimeProvider _time = new();

    private (ProcessQuorum Quorum, List<bool?> Verdicts) Start(string lines)
    {
        ProcessTrackerConfig config = Assert.Single(ConfigAssert.LoadValid($"vrrp_track_process p {{\n process x\n{lines}\n}}").Processes);
        var quorum = new ProcessQuorum(config, _time);
        var verdicts = new List<bool?>();
        quorum.Changed += () => verdicts.Add(quorum.Healthy);
        return (quorum, verdicts);
    }

    [Fact]
    public void FirstCount_DecidesAtOnce_EvenWithADelay()
    {
        var (quorum, verdicts) = Start(" delay 5");

        quorum.Update(0);

        Assert.False(quorum.Healthy);
        Assert.Equal([false], verdicts);
        Assert.Equal(0, _time.ActiveTimerCount);
    }

    [Fact]
    public void WithoutDelay_EveryCrossingCountsAtOnce()
    {
        var (quorum, _) = Start("");
        quorum.Update(1);
        Assert.True(quorum.Healthy);

        quorum.Update(0);
        Assert.False(quorum.Healthy);

        quorum.Update(1);
        Assert.True(quorum.Healthy);
    }

    [Fact]
    public void LostQuorum_FailsOnlyAfterTerminateDelay()
    {
        var (quorum, _) = Start(" terminate_delay 2");
        quorum.Update(1);

        quorum.Update(0);
        Assert.True(quorum.Healthy);
        Assert.Contains("fails in 2 s", quorum.Describe(), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.True(quorum.Healthy);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(quorum.Healthy);
        Assert.Equal("0 running (quorum 1..unlimited)", quorum.Describe());
    }

    [Fact]
    public void ProcessBackWithinTerminateDelay_CancelsIt()
    {
        var (quorum, verdicts) = Start(" delay 1");
        quorum.Update(1);

        quorum.Update(0);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        quorum.Update(1);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(quorum.Healthy);
        Assert.DoesNotContain(false, verdicts);
        Assert.Equal(0, _time.ActiveTimerCount);
    }

    [Fact]
    public void GainedQuorum_TurnsHealthyOnlyAfterForkDelay()
    {
        var (quorum, _) = Start(" fork_delay 1\n terminate_delay 3");
        quorum.Update(0);

        quorum.Update(1);
        Assert.False(quorum.Healthy);
        Assert.Contains("healthy in 1 s", quorum.Describe(), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(quorum.Healthy);
    }

    [Fact]
    public void DelayEnd_TakesTheCountAsItIsThen()
    {
        var (quorum, _) = Start(" quorum 2\n delay 1");
        quorum.Update(3);

        quorum.Update(1);   // below quorum: terminate_delay runs
        quorum.Update(0);   // still below: the same delay goes on
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(quorum.Healthy);
        Assert.Equal(0, quorum.Count);
    }

    [Fact]
    public void QuorumMax_TooManyProcesses_Fail()
    {
        var (quorum, _) = Start(" quorum_max 1");
        quorum.Update(1);
        Assert.True(quorum.Healthy);

        quorum.Update(2);

        Assert.False(quorum.Healthy);
    }

    [Fact]
    public void CountChangeInsideTheQuorum_IsReportedForStatus_WithoutChangingTheVerdict()
    {
        var (quorum, verdicts) = Start("");
        quorum.Update(1);

        quorum.Update(2);
        quorum.Update(2);

        Assert.Equal([true, true], verdicts);
        Assert.Equal("2 running (quorum 1..unlimited)", quorum.Describe());
    }

    [Fact]
    public void Dispose_CancelsAPendingDelay()
    {
        var (quorum, verdicts) = Start(" delay 1");
        quorum.Update(1);
        quorum.Update(0);

        quorum.Dispose();
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(0, _time.ActiveTimerCount);
        Assert.True(quorum.Healthy);
        Assert.Equal(2, verdicts.Count);
    }
}
