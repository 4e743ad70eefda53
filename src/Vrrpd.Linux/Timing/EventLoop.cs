using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Vrrpd.Linux.Sockets;

namespace Vrrpd.Linux.Timing;

/// <summary>
/// The daemon's one loop thread: blocked in poll(2) on a CLOCK_MONOTONIC timerfd armed for the earliest deadline,
/// an eventfd that other threads ring when they post work, and the VRRP sockets. Everything that touches a state
/// machine runs here, one thing at a time, so the state machines need no lock shared with any other thread
/// (docs/design/event-loop.md).
/// </summary>
/// <remarks>
/// <para>One pass: read every readable socket, run the posted work, then, when timers are due, read every socket
/// once more and only then fire the timers. An advert that reached the host before a Master_Down_Timer deadline is
/// therefore always handled before that timer fires, whatever delayed this thread (keepalived and FRR get the same
/// guarantee from their single loop).</para>
/// <para>Timers: System.Threading.Timer keeps due times in whole milliseconds and fires on a pool thread after a
/// wake-up; these fire to the microsecond on this thread (RFC 5798 §6.1 defines the intervals in centiseconds;
/// a daemon should add nothing to them). The timer heap is touched only by this thread: a timer created or changed
/// from elsewhere is scheduled through <see cref="Post"/>. Time (GetUtcNow, GetTimestamp) is the system's:
/// Stopwatch reads CLOCK_MONOTONIC, the clock the timerfd runs on.</para>
/// </remarks>
public sealed class EventLoop : TimeProvider, IDisposable
{
    /// <summary>Datagrams read from one socket per pass, so a flood on one interface cannot starve the others or
    /// the timers; the rest wait for the next pass.</summary>
    private const int MaxDatagramsPerPass = 64;

    // Entries carry the timer's version at scheduling: a Change or Dispose bumps it, so stale entries are skipped
    // (lazy deletion; a heap has no cheap remove).
    private readonly PriorityQueue<(Timer Timer, long Version), long> _queue = new();
    private readonly ConcurrentQueue<Action> _posted = new();
    // Replaced, never changed in place: a pass iterates the array it started with while a handler unwatches.
    private (VrrpSocket Socket, Action<int> Read)[] _sockets = [];
    private bool[] _readable = [];   // per socket of the last poll, reused (nothing is allocated per pass)
    private readonly SafeFileDescriptor _timerFd;
    private readonly WakeSignal _wake = new(blocking: false);   // rung by Post
    private readonly Thread _thread;
    private long _armedFor = long.MaxValue;   // the deadline the timerfd is armed for, ns on CLOCK_MONOTONIC
    private volatile bool _disposed;
    private readonly Action? _onThreadStart;

    /// <param name="threadName">The loop thread's name (ps -L, /proc/PID/task/TID/comm).</param>
    /// <param name="onThreadStart">Runs first on the loop thread (vrrp_rt_priority applies itself there).</param>
    public EventLoop(string threadName = "vrrp-loop", Action? onThreadStart = null)
    {
        _onThreadStart = onThreadStart;
        int timerFd = Interop.Libc.TimerFdCreate(Interop.Libc.CLOCK_MONOTONIC, Interop.Libc.TFD_CLOEXEC | Interop.Libc.TFD_NONBLOCK);
        if (timerFd < 0) throw NativeCallException.FromLastError("timerfd_create", null);
        _timerFd = new SafeFileDescriptor(timerFd);
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    /// <summary>Called with what a callback threw; the loop goes on (the daemon never dies on one event).</summary>
    public Action<Exception>? UnhandledException { get; set; }

    /// <summary>True on the loop thread.</summary>
    public bool IsLoopThread => Thread.CurrentThread == _thread;

    /// <summary>Runs <paramref name="work"/> on the loop thread, after what was posted before it. From any thread;
    /// lock-free. Dropped once the loop is disposed.</summary>
    public void Post(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_disposed) return;
        _posted.Enqueue(work);
        _wake.Ring();
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the loop thread and returns its result: at once on the loop thread, otherwise
    /// posted and waited for. Throws <see cref="TimeoutException"/> when the loop does not get to it within
    /// <paramref name="timeout"/> (a stalled loop must not hang the control socket), and what the work threw.
    /// </summary>
    public T Invoke<T>(Func<T> work, TimeSpan timeout)
    {
        if (IsLoopThread) return work();
        ObjectDisposedException.ThrowIf(_disposed, this);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                done.TrySetResult(work());
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        });
        bool finished;
        try
        {
            finished = done.Task.Wait(timeout);
        }
        catch (AggregateException)
        {
            finished = true;   // rethrown as itself below
        }
        if (!finished) throw new TimeoutException($"the event loop did not answer within {timeout.TotalSeconds:0.#} s");
        return done.Task.GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="work"/> on the loop thread and waits for it (see <see cref="Invoke{T}"/>).</summary>
    public void Invoke(Action work, TimeSpan timeout) => Invoke(() =>
    {
        work();
        return true;
    }, timeout);

    /// <summary>
    /// Reads <paramref name="socket"/> on the loop: <paramref name="read"/> is called with the most datagrams it may
    /// take, and reads without blocking until the socket is drained or it took that many. Loop thread only.
    /// </summary>
    public void Watch(VrrpSocket socket, Action<int> read)
    {
        EnsureLoopThread();
        _sockets = [.. _sockets.Where(s => s.Socket != socket), (socket, read)];
    }

    /// <summary>Stops reading <paramref name="socket"/> (before it is disposed). Loop thread only.</summary>
    public void Unwatch(VrrpSocket socket)
    {
        EnsureLoopThread();
        _sockets = [.. _sockets.Where(s => s.Socket != socket)];
    }

    private void EnsureLoopThread()
    {
        if (!IsLoopThread) throw new InvalidOperationException("only the event loop's own thread may do this");
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Now on CLOCK_MONOTONIC, in nanoseconds.</summary>
    private long NowNanoseconds() => ToNanoseconds(GetTimestamp());

    private long ToNanoseconds(long timestamp) =>
        (long)((Int128)timestamp * 1_000_000_000 / TimestampFrequency);

    private static long Nanoseconds(TimeSpan span) => span.Ticks * 100;

    private bool Schedule(Timer timer, TimeSpan dueTime, TimeSpan period)
    {
        ValidateTime(dueTime, nameof(dueTime));
        ValidateTime(period, nameof(period));
        if (_disposed || timer.IsDisposed) return false;
        if (!IsLoopThread) return PostSchedule(timer, dueTime, period);
        timer.Version++;
        timer.PeriodNanoseconds = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? 0 : Nanoseconds(period);
        if (dueTime == Timeout.InfiniteTimeSpan) return true;
        var due = NowNanoseconds() + Nanoseconds(dueTime);
        _queue.Enqueue((timer, timer.Version), due);
        if (due < _armedFor) Arm(due);
        return true;
    }

    // Its own method: a lambda capturing Schedule's parameters would make the compiler allocate its closure at the
    // start of every Schedule, also on the loop thread, where nothing is posted (one object per advert).
    private bool PostSchedule(Timer timer, TimeSpan dueTime, TimeSpan period)
    {
        Post(() => Schedule(timer, dueTime, period));
        return true;
    }

    private static void ValidateTime(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(name, value, "must be non-negative or Timeout.InfiniteTimeSpan");
    }

    private void Cancel(Timer timer)
    {
        timer.IsDisposed = true;   // from any thread: a callback checks it before running
        if (IsLoopThread) timer.Version++;
        else Post(() => timer.Version++);
    }

    /// <summary>Arms the timerfd for an absolute deadline (long.MaxValue: disarm). Loop thread only.</summary>
    private unsafe void Arm(long deadline)
    {
        _armedFor = deadline;
        var spec = default(Interop.Libc.itimerspec);
        if (deadline != long.MaxValue)
        {
            // it_value zero would disarm: a deadline at or before the epoch of the clock fires at 1 ns instead.
            var at = Math.Max(deadline, 1);
            spec.it_value.tv_sec = at / 1_000_000_000;
            spec.it_value.tv_nsec = at % 1_000_000_000;
        }
        if (Interop.Libc.TimerFdSetTime(_timerFd, Interop.Libc.TFD_TIMER_ABSTIME, &spec, null) != 0)
            throw NativeCallException.FromLastError("timerfd_settime", null);
    }

    private void Run()
    {
        Scheduling.ThreadScheduling.NameCurrentThread(Thread.CurrentThread.Name!);
        _onThreadStart?.Invoke();
        var due = new List<(Timer Timer, long Version)>();
        while (!_disposed)
        {
            var polled = WaitForWork();
            if (_disposed) break;
            ReadSockets(polled, all: false);
            RunPosted();

            var now = NowNanoseconds();
            while (_queue.TryPeek(out var entry, out var deadline))
            {
                if (entry.Version != entry.Timer.Version) { _queue.Dequeue(); continue; }
                if (deadline > now) break;
                _queue.Dequeue();
                due.Add(entry);
                // System.Threading.Timer's period runs from the callback's start.
                if (entry.Timer.PeriodNanoseconds > 0)
                    _queue.Enqueue(entry, now + entry.Timer.PeriodNanoseconds);
            }
            if (due.Count > 0)
            {
                // What arrived before the deadlines is handled before the timers (see the remarks).
                ReadSockets(_sockets, all: true);
                foreach (var (timer, version) in due)
                {
                    // A Change or Dispose by an earlier callback of this pass wins, as it would have a moment earlier.
                    if (timer.Version == version && !timer.IsDisposed) Guarded(timer.InvokeAction);
                }
                due.Clear();
            }
            Arm(_queue.TryPeek(out _, out var next) ? next : long.MaxValue);
        }
        _timerFd.Dispose();
        _wake.Dispose();
    }

    /// <summary>Blocks in poll(2) until a timer, a post or a socket is ready; returns the sockets polled, with
    /// <see cref="_readable"/> set for those that are readable, consuming the timerfd's and eventfd's counters.</summary>
    private unsafe (VrrpSocket Socket, Action<int> Read)[] WaitForWork()
    {
        var sockets = _sockets;
        if (_readable.Length != sockets.Length) _readable = new bool[sockets.Length];
        var count = 2 + sockets.Length;
        var fds = stackalloc Interop.Libc.pollfd[count];
        var references = stackalloc bool[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                var handle = HandleAt(sockets, i);
                references[i] = false;
                try
                {
                    handle.DangerousAddRef(ref references[i]);
                    fds[i] = new Interop.Libc.pollfd { fd = handle.Fd, events = Interop.Libc.POLLIN };
                }
                catch (ObjectDisposedException)
                {
                    fds[i] = new Interop.Libc.pollfd { fd = -1 };   // poll ignores negative fds
                }
            }
            while (Interop.Libc.Poll(fds, (nuint)count, -1) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR) throw new NativeCallException(errno, "poll", null);
            }
            ulong counter;
            if (fds[0].revents != 0) Interop.Libc.Read(_timerFd, &counter, sizeof(ulong));
            if (fds[1].revents != 0)
            {
                _wake.Reset();
                _wake.Drain();
            }
            for (var i = 0; i < sockets.Length; i++) _readable[i] = fds[2 + i].revents != 0;
            return sockets;
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                if (references[i]) HandleAt(sockets, i).DangerousRelease();
            }
        }
    }

    private SafeFileDescriptor HandleAt((VrrpSocket Socket, Action<int> Read)[] sockets, int i) =>
        i switch { 0 => _timerFd, 1 => _wake.Descriptor, _ => sockets[i - 2].Socket.Descriptor };

    /// <summary>Reads the sockets of the last poll that were readable (all: every watched socket, without waiting),
    /// each up to <see cref="MaxDatagramsPerPass"/>.</summary>
    private void ReadSockets((VrrpSocket Socket, Action<int> Read)[] sockets, bool all)
    {
        for (var i = 0; i < sockets.Length; i++)
        {
            if (!all && !_readable[i]) continue;
            try
            {
                sockets[i].Read(MaxDatagramsPerPass);
            }
            catch (Exception e) when (UnhandledException is not null)
            {
                UnhandledException(e);
            }
        }
    }

    private void RunPosted()
    {
        // Only what was posted before this pass started: work that posts more must not starve timers and sockets.
        var pending = _posted.Count;
        for (var i = 0; i < pending && _posted.TryDequeue(out var work); i++) Guarded(work);
        if (!_posted.IsEmpty) _wake.Ring();
    }

    private void Guarded(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (UnhandledException is not null)
        {
            UnhandledException(e);
        }
    }

    /// <summary>Stops the thread; timers not yet fired never fire, posted work not yet run never runs.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _wake.RingAlways();
        if (!IsLoopThread) _thread.Join();
    }

    private sealed class Timer(EventLoop owner, TimerCallback callback, object? state) : ITimer
    {
        public long Version;          // loop thread only
        public long PeriodNanoseconds; // loop thread only
        public volatile bool IsDisposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => owner.Schedule(this, dueTime, period);

        public void Invoke() => callback(state);

        /// <summary><see cref="Invoke"/> as one delegate made once: a method group converted at every firing would
        /// allocate a delegate per advert (docs/design/event-loop.md §6).</summary>
        public Action InvokeAction => _invoke ??= Invoke;

        private Action? _invoke;

        public void Dispose() => owner.Cancel(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
