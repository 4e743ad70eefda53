using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Vrrpd.Linux.Timing;

/// <summary>
/// A <see cref="TimeProvider"/> whose timers fire to the microsecond, from one dedicated thread blocked on a
/// CLOCK_MONOTONIC timerfd armed for the earliest deadline.
/// </summary>
/// <remarks>
/// Why not <see cref="TimeProvider.System"/>: System.Threading.Timer keeps due times in whole milliseconds (a
/// Master_Down_Interval of 3.609375 s becomes 3.609 s), its queue thread waits in millisecond steps, and the callback
/// then waits for a thread-pool worker to wake. That is up to a millisecond of error on every VRRP timer, visible
/// in the failover benchmark next to keepalived, whose timers are timerfd-based too (RFC 5798 §6.1 defines the
/// intervals in centiseconds; a daemon should add nothing to them). Callbacks run on the timer thread itself, so
/// they must be short: the state machine's timers take the instance gate, send one advert, change a few addresses.
/// Trackers, reconciliation and anything else that may block stay on the system provider.
/// Time (GetUtcNow, GetTimestamp) is the system's: Stopwatch reads CLOCK_MONOTONIC on Linux, the clock the timerfd
/// runs on, so deadlines and <see cref="TimeProvider.GetElapsedTime(long)"/> agree.
/// </remarks>
public sealed class TimerFdTimeProvider : TimeProvider, IDisposable
{
    private readonly object _lock = new();
    // Entries carry the timer's version at scheduling: a Change or Dispose bumps it, so stale entries are skipped
    // (lazy deletion; a heap has no cheap remove).
    private readonly PriorityQueue<(Timer Timer, long Version), long> _queue = new();
    private readonly SafeFileDescriptor _timerFd;
    private readonly Thread _thread;
    private long _armedFor = long.MaxValue;   // the deadline the timerfd is armed for, ns on CLOCK_MONOTONIC
    private bool _disposed;
    private readonly Action? _onThreadStart;

    /// <param name="threadName">The timer thread's name (ps -L, /proc/PID/task/TID/comm).</param>
    /// <param name="onThreadStart">Runs first on the timer thread (vrrp_rt_priority applies itself there).</param>
    public TimerFdTimeProvider(string threadName = "vrrp-timers", Action? onThreadStart = null)
    {
        _onThreadStart = onThreadStart;
        int fd = Interop.Libc.TimerFdCreate(Interop.Libc.CLOCK_MONOTONIC, Interop.Libc.TFD_CLOEXEC);
        if (fd < 0) throw NativeCallException.FromLastError("timerfd_create", null);
        _timerFd = new SafeFileDescriptor(fd);
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };
        _thread.Start();
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
        lock (_lock)
        {
            timer.Version++;
            if (_disposed || timer.IsDisposed) return false;
            timer.PeriodNanoseconds = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? 0 : Nanoseconds(period);
            if (dueTime == Timeout.InfiniteTimeSpan) return true;
            var due = NowNanoseconds() + Nanoseconds(dueTime);
            _queue.Enqueue((timer, timer.Version), due);
            if (due < _armedFor) Arm(due);
            return true;
        }
    }

    private static void ValidateTime(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(name, value, "must be non-negative or Timeout.InfiniteTimeSpan");
    }

    private void Cancel(Timer timer)
    {
        lock (_lock)
        {
            timer.Version++;
            timer.IsDisposed = true;
        }
    }

    /// <summary>Arms the timerfd for an absolute deadline (long.MaxValue: disarm). Under the lock.</summary>
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
        while (true)
        {
            lock (_lock)
            {
                if (_disposed) break;
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
                Arm(_queue.TryPeek(out _, out var next) ? next : long.MaxValue);
            }
            if (due.Count == 0)
            {
                WaitForExpiry();
                continue;
            }
            foreach (var (timer, version) in due)
            {
                // A Change or Dispose between dequeue and here wins, as it would have a moment earlier.
                if (Volatile.Read(ref timer.Version) == version) timer.Invoke();
            }
            due.Clear();
        }
        _timerFd.Dispose();
    }

    private unsafe void WaitForExpiry()
    {
        ulong expirations;
        while (Interop.Libc.Read(_timerFd, &expirations, sizeof(ulong)) < 0)
        {
            if (Marshal.GetLastPInvokeError() != Errno.EINTR)
                throw NativeCallException.FromLastError("read(timerfd)", null);
        }
    }

    /// <summary>Stops the thread; timers not yet fired never fire.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            Arm(NowNanoseconds());   // wake the thread so it sees _disposed and closes the fd
        }
        if (Thread.CurrentThread != _thread) _thread.Join();
    }

    private sealed class Timer(TimerFdTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long Version;
        public long PeriodNanoseconds;
        public bool IsDisposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => owner.Schedule(this, dueTime, period);

        public void Invoke() => callback(state);

        public void Dispose() => owner.Cancel(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
