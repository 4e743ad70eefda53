namespace Vrrpd.Tests;

/// <summary>
/// Virtual time for the state machine tests. Timers fire synchronously, in due-time order, inside
/// <see cref="Advance"/>, each with the clock at its own due time, and a periodic timer fires once per period.
/// Microsoft.Extensions.TimeProvider.Testing's FakeTimeProvider (10.0.0, 11.0.0) is not a drop-in: it moves the
/// clock to the end of the advance before firing, and fires a periodic timer once per advance, which breaks the
/// tests that pin Skew_Time and Master_Down_Interval to the microsecond (docs/dependencies.md).
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly List<FakeTimer> _timers = new();
    private DateTimeOffset _now;
    private long _sequence;

    public FakeTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now.UtcTicks;

    /// <summary>Timers created and not yet disposed (armed or not): lets tests check that nothing leaks.</summary>
    public int ActiveTimerCount
    {
        get { lock (_timers) return _timers.Count; }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        lock (_timers) _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward, firing every timer that falls due on the way, at its due time.</summary>
    public void Advance(TimeSpan by)
    {
        var end = _now + by;
        while (true)
        {
            FakeTimer? next;
            lock (_timers)
            {
                next = _timers.Where(t => t.DueAt is { } due && due <= end)
                              .OrderBy(t => t.DueAt).ThenBy(t => t.Sequence).FirstOrDefault();
            }
            if (next is null) break;
            _now = next.DueAt!.Value;
            next.Fire();
        }
        _now = end;
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        public DateTimeOffset? DueAt { get; private set; }
        public long Sequence { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
            Sequence = Interlocked.Increment(ref owner._sequence);
            return true;
        }

        public void Fire()
        {
            DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : DueAt + _period;
            callback(state);
        }

        public void Dispose()
        {
            DueAt = null;
            lock (owner._timers) owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
