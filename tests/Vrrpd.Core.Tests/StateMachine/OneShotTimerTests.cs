using Vrrpd.StateMachine;

namespace Vrrpd.Tests.StateMachine;

public class OneShotTimerTests
{
    /// <summary>Hands out timers that never fire by themselves: the test invokes their callbacks, as a thread-pool
    /// thread would that had already dequeued them when the timer was re-armed.</summary>
    private sealed class CapturingTimeProvider : TimeProvider
    {
        public List<(TimerCallback Callback, object? State)> Created { get; } = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Created.Add((callback, state));
            return new FakeTimeProvider().CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    [Fact]
    public void ACallbackQueuedBeforeRearming_IsDropped()
    {
        var time = new CapturingTimeProvider();
        int expired = 0;
        var timer = new OneShotTimer(time, new object(), () => expired++);

        timer.Arm(TimeSpan.FromSeconds(1));
        timer.Arm(TimeSpan.FromSeconds(1));
        var (stale, staleState) = time.Created[0];
        stale(staleState);

        Assert.Equal(0, expired);
        Assert.True(timer.IsArmed);

        var (current, currentState) = time.Created[1];
        current(currentState);
        Assert.Equal(1, expired);
        Assert.False(timer.IsArmed);
    }

    [Fact]
    public void ACallbackQueuedBeforeCancel_IsDropped()
    {
        var time = new CapturingTimeProvider();
        int expired = 0;
        var timer = new OneShotTimer(time, new object(), () => expired++);

        timer.Arm(TimeSpan.FromSeconds(1));
        timer.Cancel();
        var (stale, staleState) = time.Created[0];
        stale(staleState);

        Assert.Equal(0, expired);
        Assert.Null(timer.DueAt);
    }
}
