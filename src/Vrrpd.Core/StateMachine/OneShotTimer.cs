namespace Vrrpd.StateMachine;

/// <summary>
/// A timer of RFC 5798 §6.2 (Adver_Timer, Master_Down_Timer) on an injected <see cref="TimeProvider"/>. Its
/// callback runs under the instance's gate, and a callback already queued when the timer was re-armed or
/// cancelled is dropped (each arming gets its own token), so a stale expiry can never move the state machine.
/// Intervals are measured on the provider's monotonic timestamp, never on the wall clock: a step of the system
/// time (NTP, an operator's `date -s`) must neither fire a Master_Down_Timer early (a spurious Master) nor hold it.
/// (docs/design/single-owner.md §3)
/// </summary>
internal sealed class OneShotTimer(TimeProvider time, object gate, Action expired)
{
    private ITimer? _timer;
    private object? _armedToken;
    private long _armedAt;   // TimeProvider.GetTimestamp() of the start of the interval it times
    private TimeSpan _interval;

    /// <summary>When it fires, as wall-clock time for people (status); null when not armed. Never used to time.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    public bool IsArmed => _armedToken is not null;

    /// <summary>Time since the start of the interval it times (monotonic).</summary>
    public TimeSpan Elapsed => time.GetElapsedTime(_armedAt);

    /// <summary>Time until it fires (monotonic; zero when overdue); null when not armed.</summary>
    public TimeSpan? Remaining => IsArmed ? TimeSpan.FromTicks(Math.Max(0, (_interval - Elapsed).Ticks)) : null;

    /// <summary>
    /// (Re)start for an interval of <paramref name="interval"/> that began <paramref name="startedAgo"/> before now
    /// (an advert's arrival): it fires when the interval ends, at once if it already has. Call under the gate.
    /// </summary>
    public void Arm(TimeSpan interval, TimeSpan startedAgo = default)
    {
        Cancel();
        var token = new object();
        _armedToken = token;
        if (startedAgo < TimeSpan.Zero) startedAgo = TimeSpan.Zero;
        _armedAt = time.GetTimestamp() - ToTimestampTicks(startedAgo);
        _interval = interval;
        var dueIn = interval - startedAgo;
        if (dueIn < TimeSpan.Zero) dueIn = TimeSpan.Zero;
        DueAt = time.GetUtcNow() + dueIn;
        _timer = time.CreateTimer(_ => Fire(token), null, dueIn, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Stop it and release the underlying timer. Call under the gate.</summary>
    public void Cancel()
    {
        _armedToken = null;
        DueAt = null;
        _timer?.Dispose();
        _timer = null;
    }

    private long ToTimestampTicks(TimeSpan span) => (long)((Int128)span.Ticks * time.TimestampFrequency / TimeSpan.TicksPerSecond);

    private void Fire(object token)
    {
        lock (gate)
        {
            if (!ReferenceEquals(token, _armedToken)) return;
            Cancel();
            expired();
        }
    }
}
