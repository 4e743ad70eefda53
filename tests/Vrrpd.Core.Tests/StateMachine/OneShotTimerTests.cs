using Vrrpd.StateMachine;

namespace Vrrpd.Tests.StateMachine;

public class OneShotTimerTests
{
    /// <summary>A clock the test moves, and timers that never fire by themselves: the test invokes their callback,
    /// as a thread-pool thread would that had dequeued it early or before the timer was re-armed.</summary>
    private sealed class CapturingTimeProvider : TimeProvider
    {
        public long Now { get; set; }

        public List<(TimerCallback Callback, object? State)> Created { get; } = new();

        /// <summary>Every Change asked of the timers, due time first.</summary>
        public List<TimeSpan> Changes { get; } = new();

        public int Disposed { get; private set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Now;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(Now);

        public void Advance(TimeSpan span) => Now += span.Ticks;

        public void Invoke() => Created[^1].Callback(Created[^1].State);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Created.Add((callback, state));
            Changes.Add(dueTime);
            return new RecordingTimer(this);
        }

        private sealed class RecordingTimer(CapturingTimeProvider owner) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                owner.Changes.Add(dueTime);
                return true;
            }

            public void Dispose() => owner.Disposed++;

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }

    private readonly CapturingTimeProvider time = new();
    private int expired;
    private readonly OneShotTimer timer;

    public OneShotTimerTests() => timer = new OneShotTimer(time, new object(), () => expired++);

    [Fact]
    public void ACallbackLeftFromBeforeRearming_IsDropped_AndTheCurrentDeadlineStillFires()
    {
        timer.Arm(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        timer.Arm(TimeSpan.FromSeconds(1));   // re-armed just as the first deadline's callback was dequeued
        time.Invoke();

        Assert.Equal(0, expired);
        Assert.True(timer.IsArmed);
        Assert.Equal(TimeSpan.FromSeconds(1), time.Changes[^1]);

        time.Advance(TimeSpan.FromSeconds(1));
        time.Invoke();
        Assert.Equal(1, expired);
        Assert.False(timer.IsArmed);
    }

    [Fact]
    public void ACallbackLeftFromBeforeCancel_IsDropped()
    {
        timer.Arm(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        timer.Cancel();
        time.Invoke();

        Assert.Equal(0, expired);
        Assert.Null(timer.DueAt);
        Assert.Equal(Timeout.InfiniteTimeSpan, time.Changes[^1]);
    }

    [Fact]
    public void AnEarlyCallback_WaitsForTheTimeLeft_InsteadOfFiring()
    {
        // .NET's own timers keep whole milliseconds and may call back a few ms early.
        timer.Arm(TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromMilliseconds(96));
        time.Invoke();

        Assert.Equal(0, expired);
        Assert.Equal(TimeSpan.FromMilliseconds(4), time.Changes[^1]);

        time.Advance(TimeSpan.FromMilliseconds(4));
        time.Invoke();
        Assert.Equal(1, expired);
    }

    [Fact]
    public void Rearming_ReusesOneTimer_SoASteadyTimerAllocatesNothing()
    {
        for (int i = 0; i < 1000; i++)
        {
            timer.Arm(TimeSpan.FromMilliseconds(10));
            time.Advance(TimeSpan.FromMilliseconds(10));
            time.Invoke();
        }

        Assert.Equal(1000, expired);
        Assert.Single(time.Created);

        // Measured on this thread: arming and firing again allocates nothing (the recorder's list is grown first).
        time.Changes.Capacity = time.Changes.Count + 4000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            timer.Arm(TimeSpan.FromMilliseconds(10));
            time.Advance(TimeSpan.FromMilliseconds(10));
            time.Invoke();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Release_GivesTheTimerBack_AndALaterArmTakesANewOne()
    {
        timer.Arm(TimeSpan.FromSeconds(1));
        timer.Release();

        Assert.False(timer.IsArmed);
        Assert.Equal(1, time.Disposed);

        timer.Arm(TimeSpan.FromSeconds(1));
        Assert.Equal(2, time.Created.Count);
    }
}
