namespace Vrrpd.StateMachine;

/// <summary>
/// A timer of RFC 5798 §6.2 (Adver_Timer, Master_Down_Timer) on an injected <see cref="TimeProvider"/>. Its
/// callback runs under the instance's gate. One <see cref="ITimer"/> serves every arming (re-arming is
/// <see cref="ITimer.Change"/>, so a steady Adver_Timer or Master_Down_Timer allocates nothing: docs/design/event-loop.md
/// §6), and an expiry counts only when the current arming is due: a callback already queued when the timer was
/// re-armed or cancelled is dropped, and one that comes early is put back for the time left, so a stale expiry can
/// never move the state machine.
/// Intervals are measured on the provider's monotonic timestamp, never on the wall clock: a step of the system
/// time (NTP, an operator's `date -s`) must neither fire a Master_Down_Timer early (a spurious Master) nor hold it.
/// (docs/design/single-owner.md §3)
/// </summary>
internal sealed class OneShotTimer(TimeProvider time, object gate, Action expired)
{
    // A callback this close to the deadline counts as due: the providers fire on their own clock's tick, and
    // converting between TimeSpan ticks and timestamp ticks may round by less than this.
    private static readonly TimeSpan DueTolerance = TimeSpan.FromTicks(5);

    private ITimer? _timer;
    private bool _armed;
    private long _armedAt;   // TimeProvider.GetTimestamp() of the start of the interval it times
    private TimeSpan _interval;

    /// <summary>When it fires, as wall-clock time for people (status); null when not armed. Never used to time.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    public bool IsArmed => _armed;

    /// <summary>Time since the start of the interval being timed (meaningful while armed).</summary>
    public TimeSpan Elapsed => time.GetElapsedTime(_armedAt);

    /// <summary>Time left until it fires, on the monotonic clock; null when not armed.</summary>
    public TimeSpan? Remaining => IsArmed ? TimeSpan.FromTicks(Math.Max(0, (_interval - Elapsed).Ticks)) : null;

    /// <summary>
    /// Arms the timer to time <paramref name="interval"/> from a start <paramref name="startedAgo"/> in the past
    /// (a deadline already past fires at once).
    /// </summary>
    public void Arm(TimeSpan interval, TimeSpan startedAgo = default)
    {
        if (startedAgo < TimeSpan.Zero) startedAgo = TimeSpan.Zero;
        _armed = true;
        _armedAt = time.GetTimestamp() - ToTimestampTicks(startedAgo);
        _interval = interval;
        var dueIn = interval - startedAgo;
        if (dueIn < TimeSpan.Zero) dueIn = TimeSpan.Zero;
        DueAt = time.GetUtcNow() + dueIn;
        if (_timer is null)
            _timer = time.CreateTimer(static state => ((OneShotTimer)state!).Fire(), this, dueIn, Timeout.InfiniteTimeSpan);
        else
            _timer.Change(dueIn, Timeout.InfiniteTimeSpan);
    }

    public void Cancel()
    {
        _armed = false;
        DueAt = null;
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancels and gives the provider's timer back (on stop); a later <see cref="Arm"/> takes a new one.</summary>
    public void Release()
    {
        Cancel();
        _timer?.Dispose();
        _timer = null;
    }

    private long ToTimestampTicks(TimeSpan span) => (long)((Int128)span.Ticks * time.TimestampFrequency / TimeSpan.TicksPerSecond);

    private void Fire()
    {
        lock (gate)
        {
            if (!_armed) return;
            var left = _interval - Elapsed;
            if (left > DueTolerance)
            {
                // Early, or left over from an earlier arming whose deadline was sooner: wait for this one's.
                _timer!.Change(left, Timeout.InfiniteTimeSpan);
                return;
            }
            Cancel();
            expired();
        }
    }
}
