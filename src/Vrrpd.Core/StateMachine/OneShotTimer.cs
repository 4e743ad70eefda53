namespace Vrrpd.StateMachine;

/// <summary>
/// A timer of RFC 5798 §6.2 (Adver_Timer, Master_Down_Timer) on an injected <see cref="TimeProvider"/>. Its
/// callback runs under the instance's gate, and a callback already queued when the timer was re-armed or
/// cancelled is dropped (each arming gets its own token), so a stale expiry can never move the state machine.
/// </summary>
internal sealed class OneShotTimer(TimeProvider time, object gate, Action expired)
{
    private ITimer? _timer;
    private object? _armedToken;

    /// <summary>When it fires, in the provider's time; null when not armed.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>When it was last armed (the start of the interval it times).</summary>
    public DateTimeOffset ArmedAt { get; private set; }

    public bool IsArmed => _armedToken is not null;

    /// <summary>(Re)start: fire once, <paramref name="dueIn"/> from now. Call under the gate.</summary>
    public void Arm(TimeSpan dueIn) => Arm(dueIn, time.GetUtcNow());

    /// <summary>Fire once, <paramref name="dueIn"/> from now, but remember <paramref name="armedAt"/> as its start.</summary>
    public void Arm(TimeSpan dueIn, DateTimeOffset armedAt)
    {
        Cancel();
        var token = new object();
        _armedToken = token;
        ArmedAt = armedAt;
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
