using System.Collections.Concurrent;
using System.Diagnostics;
using Vrrpd.Linux.Timing;
using Xunit.Abstractions;

namespace Vrrpd.Linux.Tests.Timing;

/// <summary>The event loop's timers, on a real timerfd. Bounds on lateness are generous (a loaded CI
/// machine); never firing early and firing in deadline order are exact.</summary>
public sealed class EventLoopTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task OneShot_FiresOnceOnTheTimerThread_NotBeforeItsDeadline()
    {
        using var time = new EventLoop("test-timers");
        var fired = new ConcurrentQueue<(long At, string? Thread)>();
        var start = time.GetTimestamp();
        using var timer = time.CreateTimer(_ => fired.Enqueue((time.GetTimestamp(), Thread.CurrentThread.Name)), null,
            TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);

        await Until(() => !fired.IsEmpty);
        await Task.Delay(100);
        var (at, thread) = Assert.Single(fired);
        Assert.Equal("test-timers", thread);
        Assert.True(time.GetElapsedTime(start, at) >= TimeSpan.FromMilliseconds(30));
    }

    [Fact]
    public async Task ManyTimers_FireInDeadlineOrder_NeverEarly_AndCloseToTheirDeadlines()
    {
        using var time = new EventLoop();
        var lateness = new ConcurrentQueue<(int Index, TimeSpan Late)>();
        var timers = new List<ITimer>();
        var start = time.GetTimestamp();
        // Scheduled latest first, so each new timer is earlier than the one the thread is waiting for.
        for (var i = 19; i >= 0; i--)
        {
            var index = i;
            var due = TimeSpan.FromMilliseconds(20 + 7.3 * i);    // fractions of a millisecond on purpose
            timers.Add(time.CreateTimer(_ => lateness.Enqueue((index, time.GetElapsedTime(start) - due)), null, due,
                Timeout.InfiniteTimeSpan));
        }

        await Until(() => lateness.Count == 20);
        var fired = lateness.ToArray();
        Assert.Equal(Enumerable.Range(0, 20), fired.Select(f => f.Index));
        Assert.All(fired, f => Assert.True(f.Late >= TimeSpan.Zero, $"timer {f.Index} fired {f.Late.TotalMicroseconds} µs early"));
        Assert.All(fired, f => Assert.True(f.Late < TimeSpan.FromMilliseconds(500), $"timer {f.Index} fired {f.Late.TotalMilliseconds} ms late"));
        var median = fired.Select(f => f.Late).Order().ElementAt(10);
        output.WriteLine($"median lateness {median.TotalMicroseconds:F0} µs, max {fired.Max(f => f.Late).TotalMicroseconds:F0} µs");
        foreach (var timer in timers) timer.Dispose();
    }

    [Fact]
    public async Task Change_ToAnEarlierDeadline_FiresThenAndNotAtTheOldOne()
    {
        using var time = new EventLoop();
        var count = 0;
        var start = time.GetTimestamp();
        using var timer = time.CreateTimer(_ => Interlocked.Increment(ref count), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);

        Assert.True(timer.Change(TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan));

        await Until(() => Volatile.Read(ref count) == 1);
        Assert.True(time.GetElapsedTime(start) < TimeSpan.FromSeconds(30));
        await Task.Delay(100);
        Assert.Equal(1, Volatile.Read(ref count));
    }

    [Fact]
    public async Task Change_ToALaterDeadline_DoesNotFireAtTheOldOne()
    {
        using var time = new EventLoop();
        var count = 0;
        using var timer = time.CreateTimer(_ => Interlocked.Increment(ref count), null, TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);

        await Task.Delay(150);
        Assert.Equal(0, Volatile.Read(ref count));
        await Until(() => Volatile.Read(ref count) == 1);
    }

    [Fact]
    public async Task Dispose_BeforeTheDeadline_NeverFires_AndChangeAfterwardsIsRefused()
    {
        using var time = new EventLoop();
        var count = 0;
        var timer = time.CreateTimer(_ => Interlocked.Increment(ref count), null, TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);

        timer.Dispose();

        await Task.Delay(150);
        Assert.Equal(0, Volatile.Read(ref count));
        Assert.False(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public async Task Infinite_DueTime_Stops_AZeroDueTime_FiresAtOnce()
    {
        using var time = new EventLoop();
        var count = 0;
        using var timer = time.CreateTimer(_ => Interlocked.Increment(ref count), null, TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await Task.Delay(100);
        Assert.Equal(0, Volatile.Read(ref count));

        timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        await Until(() => Volatile.Read(ref count) == 1);
    }

    [Fact]
    public async Task Periodic_FiresRepeatedly_UntilDisposed()
    {
        using var time = new EventLoop();
        var count = 0;
        var timer = time.CreateTimer(_ => Interlocked.Increment(ref count), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(10));

        await Until(() => Volatile.Read(ref count) >= 5);
        timer.Dispose();
        await Task.Delay(50);
        var after = Volatile.Read(ref count);
        await Task.Delay(100);
        Assert.Equal(after, Volatile.Read(ref count));
    }

    [Fact]
    public async Task ACallback_MayRearmItsOwnTimer()
    {
        using var time = new EventLoop();
        var count = 0;
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            if (Interlocked.Increment(ref count) < 3) timer!.Change(TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);

        await Until(() => Volatile.Read(ref count) == 3);
        timer.Dispose();
    }

    [Fact]
    public async Task ATimerRearmedFromItsCallback_AllocatesNothingOnTheLoop()
    {
        // The Adver_Timer's life: fire, re-arm from the callback, a thousand times (docs/design/event-loop.md §6).
        using var time = new EventLoop();
        var fired = 0;
        long first = 0, last = 0;
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            int n = ++fired;
            if (n == 10) first = GC.GetAllocatedBytesForCurrentThread();
            if (n == 1010) last = GC.GetAllocatedBytesForCurrentThread();
            if (n < 1010) timer!.Change(TimeSpan.FromTicks(1000), Timeout.InfiniteTimeSpan);
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        await Until(() => Volatile.Read(ref last) != 0);
        Assert.Equal(0, last - first);
        timer.Dispose();
    }

    [Fact]
    public async Task Dispose_StopsTheThread_WithTimersStillPending()
    {
        var time = new EventLoop("test-timers-dispose");
        var count = 0;
        time.CreateTimer(_ => Interlocked.Increment(ref count), null, TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);

        var stopwatch = Stopwatch.StartNew();
        time.Dispose();

        Assert.True(stopwatch.Elapsed < Patience);
        await Task.Delay(100);
        Assert.Equal(0, Volatile.Read(ref count));
        time.Dispose();   // twice is harmless
    }

    [Fact]
    public async Task Post_RunsOnTheLoopThread_InTheOrderPosted_AndTimersCreatedThereFireThere()
    {
        using var loop = new EventLoop("test-loop");
        var seen = new ConcurrentQueue<(int Index, bool OnLoop)>();
        for (var i = 0; i < 100; i++)
        {
            var index = i;
            loop.Post(() => seen.Enqueue((index, loop.IsLoopThread)));
        }
        await Until(() => seen.Count == 100);
        Assert.Equal(Enumerable.Range(0, 100), seen.Select(s => s.Index));
        Assert.All(seen, s => Assert.True(s.OnLoop));
        Assert.False(loop.IsLoopThread);
    }

    [Fact]
    public void Invoke_ReturnsTheResult_AndRethrowsWhatTheWorkThrew()
    {
        using var loop = new EventLoop();
        Assert.Equal("vrrp-loop", loop.Invoke(() => Thread.CurrentThread.Name, Patience));
        Assert.True(loop.Invoke(() => loop.IsLoopThread, Patience));
        var thrown = Assert.Throws<InvalidOperationException>(() => loop.Invoke<int>(() => throw new InvalidOperationException("boom"), Patience));
        Assert.Equal("boom", thrown.Message);
    }

    [Fact]
    public void Invoke_OnAStalledLoop_TimesOut_InsteadOfHanging()
    {
        using var loop = new EventLoop();
        using var release = new ManualResetEventSlim();
        loop.Post(() => release.Wait(Patience));
        var stopwatch = Stopwatch.StartNew();
        Assert.Throws<TimeoutException>(() => loop.Invoke(() => 1, TimeSpan.FromMilliseconds(100)));
        Assert.True(stopwatch.Elapsed < Patience);
        release.Set();
        Assert.Equal(2, loop.Invoke(() => 2, Patience));
    }

    [Fact]
    public void AThrowingCallback_IsReported_AndTheLoopGoesOn()
    {
        using var loop = new EventLoop();
        var reported = new ConcurrentQueue<Exception>();
        loop.UnhandledException = reported.Enqueue;
        loop.Post(() => throw new InvalidOperationException("one bad event"));
        using var timer = loop.CreateTimer(_ => throw new InvalidOperationException("one bad timer"), null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        Assert.True(SpinWait.SpinUntil(() => reported.Count == 2, Patience));
        Assert.Equal(3, loop.Invoke(() => 3, Patience));
        Assert.Equal(["one bad event", "one bad timer"], reported.Select(e => e.Message).Order());
    }

    [Fact]
    public void ATimerCreatedOffTheLoop_IsScheduledByIt_AndFiresOnIt()
    {
        using var loop = new EventLoop();
        using var fired = new ManualResetEventSlim();
        var onLoop = false;
        using var timer = loop.CreateTimer(_ => { onLoop = loop.IsLoopThread; fired.Set(); }, null, TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
        Assert.True(fired.Wait(Patience));
        Assert.True(onLoop);
    }

    /// <summary>Polls without blocking a thread: xunit runs tests on as many threads as the machine has cores,
    /// and a blocked one would stall other tests' async continuations.</summary>
    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(2);
        }
    }

    [Fact]
    public void NegativeDueTime_IsRefused()
    {
        using var time = new EventLoop();
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            time.CreateTimer(_ => { }, null, TimeSpan.FromMilliseconds(-5), Timeout.InfiniteTimeSpan));
    }
}
