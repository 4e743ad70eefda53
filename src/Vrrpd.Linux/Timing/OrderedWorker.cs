using System.Collections.Concurrent;

namespace Vrrpd.Linux.Timing;

/// <summary>
/// One thread that runs queued work in the order it was queued: the event loop hands it everything that may block
/// (netlink round trips, file appends, fork/exec, announcements), so the loop itself only decides and advertises
/// (docs/design/event-loop.md). Enqueueing is lock-free (a queue and an eventfd), so the loop never waits on this
/// thread.
/// </summary>
public sealed class OrderedWorker : IDisposable
{
    private readonly ConcurrentQueue<Action> _queue = new();
    private readonly WakeSignal _wake = new(blocking: true);
    private readonly Thread _thread;
    private volatile bool _disposed;
    private long _enqueued;
    private long _completed;

    public OrderedWorker(string threadName)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    /// <summary>Called with what a work item threw; the worker goes on with the next.</summary>
    public Action<Exception>? UnhandledException { get; set; }

    /// <summary>True on the worker's thread.</summary>
    public bool IsWorkerThread => Thread.CurrentThread == _thread;

    /// <summary>Queues <paramref name="work"/> after everything queued before it. Dropped once disposed.</summary>
    public void Enqueue(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_disposed) return;
        Interlocked.Increment(ref _enqueued);
        _queue.Enqueue(work);
        _wake.Ring();
    }

    /// <summary>Waits until everything queued before this call has run (a graceful stop waits for its VIP
    /// removals); false after <paramref name="timeout"/>.</summary>
    public bool WaitForQueued(TimeSpan timeout)
    {
        if (IsWorkerThread) return true;
        var target = Interlocked.Read(ref _enqueued);
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Interlocked.Read(ref _completed) < target)
        {
            if (_disposed || Environment.TickCount64 > deadline) return Interlocked.Read(ref _completed) >= target;
            Thread.Sleep(1);
        }
        return true;
    }

    private void Run()
    {
        Scheduling.ThreadScheduling.NameCurrentThread(Thread.CurrentThread.Name!);
        while (true)
        {
            while (_queue.TryDequeue(out var work))
            {
                try
                {
                    work();
                }
                catch (Exception e) when (UnhandledException is not null)
                {
                    UnhandledException(e);
                }
                Interlocked.Increment(ref _completed);
            }
            if (_disposed) break;
            _wake.Reset();
            if (!_queue.IsEmpty) continue;   // queued between the drain and the reset: its wake was skipped
            if (!_wake.Drain()) return;
        }
    }

    /// <summary>Runs what is queued, then stops the thread.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _wake.RingAlways();
        if (!IsWorkerThread) _thread.Join(TimeSpan.FromSeconds(10));
        _wake.Dispose();
    }
}
