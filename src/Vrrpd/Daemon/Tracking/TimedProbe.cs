using System.Diagnostics;
using Vrrpd.Health;

namespace Vrrpd.Daemon.Tracking;

/// <summary>Wraps a probe to time each poll, for the <c>vrrpd_tracker_last_check_duration_seconds</c> metric; every
/// other member passes through.</summary>
internal sealed class TimedProbe(IHealthProbe inner) : IHealthProbe
{
    private long _lastDurationTicks = -1;

    /// <summary>How long the last finished poll took; null before the first.</summary>
    public TimeSpan? LastDuration => Interlocked.Read(ref _lastDurationTicks) is var t and >= 0 ? TimeSpan.FromTicks(t) : null;

    public string Kind => inner.Kind;

    public IReadOnlyList<Measurement> Measurements => inner.Measurements;

    public event Action<CheckResult>? Urgent
    {
        add => inner.Urgent += value;
        remove => inner.Urgent -= value;
    }

    public void Start() => inner.Start();

    public async ValueTask<CheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.ProbeAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _lastDurationTicks, Stopwatch.GetElapsedTime(started).Ticks);
        }
    }

    public void Dispose() => inner.Dispose();
}
