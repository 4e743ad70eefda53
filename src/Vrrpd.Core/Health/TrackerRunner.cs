using System.Globalization;

namespace Vrrpd.Health;

/// <summary>
/// Runs one <see cref="IHealthProbe"/> for one <see cref="Tracker"/>: a poll every <c>interval</c> (the first at
/// <see cref="Start"/>), each bounded by <c>timeout</c>, plus the probe's urgent results the moment they come.
/// keepalived's rules (vrrp_scheduler.c): a poll is skipped while the previous one still runs; a timeout is a
/// failure. The timeout counts when it expires even if the probe ignores its token (a hung NVML call), the late
/// answer is then dropped, and every poll skipped behind an overdue one is a failure too, so <c>fall</c> is
/// reached. Time comes from the injected <see cref="TimeProvider"/>; <see cref="Changed"/> is raised after the
/// tracker's state (or its reason) changed, outside the runner's lock.
/// </summary>
public sealed class TrackerRunner : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private ITimer? _timer;
    private Poll? _inFlight;
    private bool _disposed;

    public TrackerRunner(Tracker tracker, IHealthProbe probe, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(time);
        Tracker = tracker;
        Probe = probe;
        _time = time;
    }

    public Tracker Tracker { get; }

    public IHealthProbe Probe { get; }

    /// <summary>Whether a poll is running now (a hung one included).</summary>
    public bool PollInFlight
    {
        get { lock (_gate) return _inFlight is not null; }
    }

    /// <summary>Raised after a result changed the tracker's state or reason (from a timer or probe thread).</summary>
    public event Action<TrackerRunner>? Changed;

    /// <summary>Reads the tracker under the runner's lock (status runs on another thread).</summary>
    public T Read<T>(Func<Tracker, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate) return read(Tracker);
    }

    /// <summary>Starts the probe's event sources and polls at once, then every interval.</summary>
    public void Start()
    {
        Probe.Urgent += OnUrgent;
        Probe.RepollRequested += OnPollDue;
        Probe.Start();
        lock (_gate)
        {
            if (_disposed) return;
            _timer = _time.CreateTimer(_ => OnPollDue(), null, Tracker.Timing.Interval, Tracker.Timing.Interval);
        }

        // The first poll runs now, on the caller's thread, so a start-up result is there before the instances
        // start (keepalived runs every script once at start-up).
        OnPollDue();
    }

    /// <summary>An operator cleared a latched fatal fault (<c>vrrpd clear NAME</c>).</summary>
    public bool ClearLatch()
    {
        bool changed;
        lock (_gate) changed = Tracker.ClearLatch(_time.GetUtcNow());
        if (changed) Changed?.Invoke(this);
        return changed;
    }

    /// <summary>Feeds one result as if a poll or event had produced it.</summary>
    public void Report(CheckResult result)
    {
        bool changed;
        lock (_gate)
        {
            if (_disposed) return;
            string? before = Tracker.LastReason;
            changed = Tracker.Apply(result, _time.GetUtcNow()) || before != Tracker.LastReason;
        }
        if (changed) Changed?.Invoke(this);
    }

    private void OnUrgent(CheckResult result) => Report(result);

    private void OnPollDue()
    {
        Poll? poll = null;
        CheckResult? hung = null;
        lock (_gate)
        {
            if (_disposed) return;
            if (_inFlight is { } previous)
            {
                // Skipped (keepalived: the previous run is still going). Still hung after its timeout: this
                // interval fails too (keepalived kills the script instead; an in-process probe cannot be killed).
                if (previous.TimedOut)
                {
                    hung = CheckResult.Unhealthy($"previous check still running {Seconds(_time.GetElapsedTime(previous.StartedAt))} after it started");
                }
            }
            else
            {
                poll = new Poll(_time.GetTimestamp());
                _inFlight = poll;
            }
        }

        if (hung is not null) Report(hung);
        if (poll is not null) _ = RunAsync(poll);
    }

    private async Task RunAsync(Poll poll)
    {
        TimeSpan timeout = Tracker.Timing.Timeout > TimeSpan.Zero ? Tracker.Timing.Timeout : Tracker.Timing.Interval;
        using var expiry = new CancellationTokenSource(timeout, _time);
        CancellationTokenRegistration onTimeout = expiry.Token.Register(() =>
        {
            if (poll.MarkTimedOut()) Report(CheckResult.Unhealthy($"timed out after {Seconds(timeout)}"));
        });

        CheckResult result;
        try
        {
            result = await Probe.ProbeAsync(expiry.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested)
        {
            result = CheckResult.Unhealthy($"timed out after {Seconds(timeout)}");
        }
        catch (Exception e)
        {
            result = CheckResult.Unhealthy($"check failed: {e.Message}");
        }

        onTimeout.Dispose();

        // A result after the timeout was already counted as a failure.
        if (poll.MarkAnswered()) Report(result);
        lock (_gate)
        {
            if (ReferenceEquals(_inFlight, poll)) _inFlight = null;
        }
    }

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _timer?.Dispose();
        }
        Probe.Urgent -= OnUrgent;
        Probe.RepollRequested -= OnPollDue;
        Probe.Dispose();
    }

    /// <summary>One poll in flight: either its answer or its timeout counts, never both.</summary>
    private sealed class Poll(long startedAt)
    {
        private int _settled;

        /// <summary>TimeProvider.GetTimestamp() when it started (monotonic).</summary>
        public long StartedAt { get; } = startedAt;

        public bool TimedOut { get; private set; }

        public bool MarkTimedOut()
        {
            if (Interlocked.Exchange(ref _settled, 1) != 0) return false;
            TimedOut = true;
            return true;
        }

        public bool MarkAnswered() => Interlocked.Exchange(ref _settled, 1) == 0;
    }
}
