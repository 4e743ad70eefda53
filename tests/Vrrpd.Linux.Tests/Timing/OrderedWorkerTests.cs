using System.Collections.Concurrent;

namespace Vrrpd.Linux.Tests.Timing;

using Vrrpd.Linux.Timing;

/// <summary>The effects worker: what the event loop decided is carried out in that order, off the loop, and a
/// failing effect does not stop the ones after it.</summary>
public sealed class OrderedWorkerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public void Work_RunsInTheOrderQueued_OnTheWorkersThread()
    {
        using var worker = new OrderedWorker("test-effects");
        var seen = new ConcurrentQueue<(int Index, string? Thread)>();
        // From several threads at once: each thread's items keep their order.
        Parallel.For(0, 4, t =>
        {
            for (var i = 0; i < 250; i++)
            {
                var index = t * 1000 + i;
                worker.Enqueue(() => seen.Enqueue((index, Thread.CurrentThread.Name)));
            }
        });
        Assert.True(worker.WaitForQueued(Patience));
        Assert.Equal(1000, seen.Count);
        Assert.All(seen, s => Assert.Equal("test-effects", s.Thread));
        for (var t = 0; t < 4; t++)
        {
            var mine = seen.Select(s => s.Index).Where(i => i / 1000 == t).ToArray();
            Assert.Equal(mine.Order(), mine);
        }
    }

    [Fact]
    public void WaitForQueued_WaitsForWhatWasQueuedBefore_AndTimesOutOnAStuckItem()
    {
        using var worker = new OrderedWorker("test-effects-wait");
        using var release = new ManualResetEventSlim();
        var done = 0;
        worker.Enqueue(() => release.Wait(Patience));
        worker.Enqueue(() => Interlocked.Increment(ref done));
        Assert.False(worker.WaitForQueued(TimeSpan.FromMilliseconds(50)));
        release.Set();
        Assert.True(worker.WaitForQueued(Patience));
        Assert.Equal(1, Volatile.Read(ref done));
    }

    [Fact]
    public void AThrowingItem_IsReported_AndTheNextOnesRun()
    {
        using var worker = new OrderedWorker("test-effects-throw");
        var reported = new ConcurrentQueue<Exception>();
        worker.UnhandledException = reported.Enqueue;
        var after = 0;
        worker.Enqueue(() => throw new IOException("disk full"));
        worker.Enqueue(() => Interlocked.Increment(ref after));
        Assert.True(worker.WaitForQueued(Patience));
        Assert.Equal("disk full", Assert.Single(reported).Message);
        Assert.Equal(1, Volatile.Read(ref after));
    }

    [Fact]
    public void Dispose_RunsWhatIsQueued_ThenRefusesMore()
    {
        var worker = new OrderedWorker("test-effects-dispose");
        var count = 0;
        for (var i = 0; i < 10; i++) worker.Enqueue(() => Interlocked.Increment(ref count));
        worker.Dispose();
        Assert.Equal(10, Volatile.Read(ref count));
        worker.Enqueue(() => Interlocked.Increment(ref count));
        Thread.Sleep(20);
        Assert.Equal(10, Volatile.Read(ref count));
    }
}
