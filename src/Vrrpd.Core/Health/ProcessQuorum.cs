using System.Globalization;
using Vrrpd.Configuration;

namespace Vrrpd.Health;

/// <summary>
/// Turns the number of matching processes into a <c>vrrp_track_process</c>'s verdict with keepalived's delays
/// (docs/design/process-tracking.md §3): healthy while quorum ≤ count ≤ quorum_max; a count that leaves that range
/// fails the tracker only after it stayed outside for <c>terminate_delay</c>, and one that enters it makes the tracker
/// healthy only after <c>fork_delay</c>; a count that returns before the delay ends cancels it (a restart or a
/// reload's re-fork does not flap the instance). The first count decides at once (keepalived's start-up scan).
/// Thread-safe; <see cref="Changed"/> is raised outside the lock, from the caller's thread or the delay's timer.
/// </summary>
public sealed class ProcessQuorum : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ProcessTrackerConfig _config;
    private readonly TimeProvider _time;
    private ITimer? _delay;
    private DateTimeOffset _delayEnds;
    private bool _disposed;

    public ProcessQuorum(ProcessTrackerConfig config, TimeProvider time)
    {
        _config = config;
        _time = time;
    }

    /// <summary>The last count given to <see cref="Update"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The tracker's verdict; null before the first count.</summary>
    public bool? Healthy { get; private set; }

    /// <summary>Raised after the verdict or the pending delay changed (not for a count that changes neither).</summary>
    public event Action? Changed;

    /// <summary>A new count of matching processes.</summary>
    public void Update(int count)
    {
        bool changed;
        lock (_gate)
        {
            if (_disposed) return;
            changed = Count != count || Healthy is null;
            Count = count;
            bool within = _config.WithinQuorum(count);
            if (Healthy is null || within == Healthy)
            {
                // At start-up, or back where the verdict already is: a pending delay is cancelled.
                changed |= CancelDelay() || Healthy is null;
                Healthy = within;
            }
            else if (_delay is null)
            {
                TimeSpan delay = within ? _config.ForkDelay : _config.TerminateDelay;
                if (delay <= TimeSpan.Zero)
                {
                    Healthy = within;
                }
                else
                {
                    _delayEnds = _time.GetUtcNow() + delay;
                    _delay = _time.CreateTimer(_ => DelayEnded(), null, delay, Timeout.InfiniteTimeSpan);
                }

                changed = true;
            }
        }

        if (changed) Changed?.Invoke();
    }

    /// <summary>"2 running (quorum 1..unlimited)", with the pending delay when one runs.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            string text = $"{Count} running (quorum {_config.QuorumText})";
            if (_delay is null) return text;
            TimeSpan left = _delayEnds - _time.GetUtcNow();
            string seconds = Math.Max(0, left.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture);
            return Healthy == true
                ? $"{text}; fails in {seconds} s unless the count returns (terminate_delay)"
                : $"{text}; healthy in {seconds} s if the count holds (fork_delay)";
        }
    }

    private void DelayEnded()
    {
        lock (_gate)
        {
            if (_disposed || _delay is null) return;
            CancelDelay();
            // keepalived re-reads the count when its timer fires: the verdict is what the count says now.
            Healthy = _config.WithinQuorum(Count);
        }

        Changed?.Invoke();
    }

    private bool CancelDelay()
    {
        if (_delay is null) return false;
        _delay.Dispose();
        _delay = null;
        return true;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            CancelDelay();
        }
    }
}
