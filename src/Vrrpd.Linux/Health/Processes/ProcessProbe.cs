using Vrrpd.Configuration;
using Vrrpd.Health;

namespace Vrrpd.Linux.Health.Processes;

/// <summary>
/// keepalived's <c>vrrp_track_process</c>: counts the running processes that match, from the kernel's own news
/// rather than a fork per check (docs/design/process-tracking.md §4): one /proc scan at start, then the process
/// events connector, both on a thread of its own so that <see cref="Start"/> (called on the event loop at a
/// reload) never waits; every change of the count goes to <see cref="ProcessQuorum"/>, whose
/// verdict (after <c>terminate_delay</c> / <c>fork_delay</c>) is raised as an urgent result at once. Where the
/// connector is unavailable, each poll rescans /proc and every matching process is watched through a pidfd, so an
/// exit is still seen at once (§5). A poll only reports the verdict; it never decides on its own.
/// </summary>
public sealed class ProcessProbe : IHealthProbe
{
    /// <summary>The measurement holding how many matching processes run now.</summary>
    public const string CountMeasurement = "matching_processes";

    /// <summary>How long the kernel gets to acknowledge the subscription before the tracker falls back (§5).</summary>
    private static readonly TimeSpan AcknowledgeWithin = TimeSpan.FromSeconds(1);

    /// <summary>At most this many pidfd watches in the fallback (one thread each); beyond, exits wait for the rescan.</summary>
    private const int MaxExitWatches = 64;

    private readonly Lock _gate = new();
    private readonly ProcessTrackerConfig _config;
    private readonly ProcessMatcher _matcher;
    private readonly ProcessQuorum _quorum;
    private readonly HashSet<int> _pids = [];
    private readonly Dictionary<int, ProcessExitWatch> _exitWatches = [];
    private readonly WakeableWait _wait = new();
    private readonly TaskCompletionSource _scanned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ProcessEventSocket? _events;
    private Thread? _thread;
    private volatile string? _fallbackReason;
    private readonly bool _tryProcessEvents;
    private volatile bool _disposed;

    public ProcessProbe(ProcessTrackerConfig config)
        : this(config, TimeProvider.System, tryProcessEvents: true)
    {
    }

    /// <param name="tryProcessEvents">False runs the /proc rescan fallback even where the connector works (tests).</param>
    internal ProcessProbe(ProcessTrackerConfig config, TimeProvider time, bool tryProcessEvents)
    {
        _tryProcessEvents = tryProcessEvents;
        _config = config;
        _matcher = new ProcessMatcher(config);
        _quorum = new ProcessQuorum(config, time);
        _quorum.Changed += () => Urgent?.Invoke(Current());
    }

    public string Kind => "process";

    /// <summary>True while the kernel's process events feed the count; false in the /proc rescan fallback.</summary>
    public bool UsesProcessEvents => _events is not null;

    public IReadOnlyList<Measurement> Measurements => [new Measurement(CountMeasurement, _quorum.Count)];

    public event Action<CheckResult>? Urgent;

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = $"track-process-{_config.Name}" };
        _thread.Start();
    }

    /// <summary>Waits for the start-up scan, then reports the verdict; in the fallback, rescans /proc first (§5),
    /// always off the caller's thread (the first poll is called on the event loop).</summary>
    public async ValueTask<CheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        await _scanned.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_events is null) await Task.Run(Rescan, cancellationToken).ConfigureAwait(false);
        return Current();
    }

    private void Run()
    {
        if (!_tryProcessEvents)
        {
            _fallbackReason = "process events not used; /proc is rescanned every second";
        }
        else if (ProcessEventSocket.WhyUnavailable() is { } why)
        {
            _fallbackReason = $"no process events ({why}); /proc is rescanned every second";
        }
        else
        {
            try
            {
                // Subscribed before the scan, so nothing that happens during the scan is missed (§4).
                _events = ProcessEventSocket.Open(AcknowledgeWithin);
            }
            catch (NativeCallException e)
            {
                _fallbackReason = $"no process events ({e.Message}); /proc is rescanned every second";
            }
        }

        if (_disposed) return;
        try
        {
            Rescan();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No /proc to list: every poll then fails with the reason (the runner reports a thrown probe).
            _scanned.TrySetException(e);
            _events?.Dispose();
            return;
        }

        _scanned.TrySetResult();
        if (_events is not null) ReadEvents();
    }

    /// <summary>The verdict with what it rests on, e.g. "'nginx' (name): 0 running (quorum 1..unlimited)".</summary>
    private CheckResult Current()
    {
        string reason = $"{_matcher.Describe()}: {_quorum.Describe()}";
        if (_fallbackReason is not null) reason += $" [{_fallbackReason}]";
        return _quorum.Healthy == false ? CheckResult.Unhealthy(reason) : CheckResult.Healthy(reason);
    }

    /// <summary>Rebuilds the set of matching processes from /proc (at start, after lost events, in the fallback).</summary>
    private void Rescan()
    {
        var found = new HashSet<int>();
        foreach (int pid in ProcFileSystem.ListProcesses())
        {
            if (Matches(pid)) found.Add(pid);
        }

        int count;
        lock (_gate)
        {
            _pids.Clear();
            _pids.UnionWith(found);
            count = _pids.Count;
        }

        if (_events is null) WatchExits(found);
        _quorum.Update(count);
    }

    /// <summary>A rescan on the events thread, which must not die of an unreadable /proc: the set stays as it was
    /// and the next lost-events signal or fallback poll tries again.</summary>
    private void TryRescan()
    {
        try
        {
            Rescan();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private bool Matches(int pid) =>
        ProcFileSystem.TryReadRunningName(pid, out string name)
        && _matcher.Matches(name, _matcher.NeedsCommandLine ? ProcFileSystem.ReadCommandLine(pid) : null);

    private void ReadEvents()
    {
        ProcessEventSocket events = _events!;
        while (!_disposed)
        {
            try
            {
                if (!_wait.WaitReadable(events.Handle)) continue;
                int errno = events.ReceiveAll(Apply);
                if (errno == Errno.ENOBUFS)
                {
                    // The kernel dropped events: the set may be wrong in either direction, so it is rebuilt.
                    TryRescan();
                    continue;
                }

                if (errno is not (0 or Errno.EINTR))
                {
                    // A socket that keeps failing would keep poll(2) readable: fall back instead of spinning (§5).
                    _fallbackReason = $"process events failed ({Errno.Describe(errno)}); /proc is rescanned every second";
                    _events = null;
                    events.Dispose();
                    TryRescan();
                    return;
                }
            }
            catch (NativeCallException)
            {
                return;   // disposed under us
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            int count;
            lock (_gate) count = _pids.Count;
            _quorum.Update(count);
        }
    }

    /// <summary>One event into the set (§4). Only processes count: a thread's exec, exit or rename is ignored.</summary>
    private void Apply(ProcessEvent e)
    {
        switch (e.Kind)
        {
            case ProcessEventKind.Fork when e.Pid == e.Tgid:
                // A forked child has its parent's name and argv until it execs (keepalived counts it too).
                lock (_gate)
                {
                    if (_pids.Contains(e.ParentTgid)) _pids.Add(e.Tgid);
                }
                break;
            case ProcessEventKind.Exec when e.Pid == e.Tgid:
                Reconsider(e.Tgid, Matches(e.Tgid));
                break;
            case ProcessEventKind.Comm when e.Pid == e.Tgid && !_matcher.NeedsCommandLine:
                Reconsider(e.Tgid, _matcher.Matches(e.Comm!, null));
                break;
            case ProcessEventKind.Exit when e.Pid == e.Tgid:
                lock (_gate) _pids.Remove(e.Tgid);
                break;
        }
    }

    private void Reconsider(int pid, bool matches)
    {
        lock (_gate)
        {
            if (matches) _pids.Add(pid);
            else _pids.Remove(pid);
        }
    }

    /// <summary>The fallback's fast exit path: a pidfd per matching process (the container tracker's mechanism).</summary>
    private void WatchExits(HashSet<int> pids)
    {
        List<ProcessExitWatch> stale = [];
        lock (_gate)
        {
            if (_disposed) return;
            foreach (int pid in _exitWatches.Keys.Where(p => !pids.Contains(p)).ToList())
            {
                stale.Add(_exitWatches[pid]);
                _exitWatches.Remove(pid);
            }

            foreach (int pid in pids.Where(p => !_exitWatches.ContainsKey(p)).Take(Math.Max(0, MaxExitWatches - _exitWatches.Count)))
            {
                // Checked again once the pidfd is open, so a pid reused in between is not taken for the process.
                if (ProcessExitWatch.TryStart(pid, Matches, () => Exited(pid), out _) is { } watch)
                    _exitWatches[pid] = watch;
            }
        }

        foreach (ProcessExitWatch watch in stale) watch.Dispose();
    }

    private void Exited(int pid)
    {
        int count;
        lock (_gate)
        {
            if (_disposed || !_pids.Remove(pid)) return;
            count = _pids.Count;
        }

        _quorum.Update(count);
    }

    public void Dispose()
    {
        List<ProcessExitWatch> watches;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            watches = [.. _exitWatches.Values];
            _exitWatches.Clear();
        }

        _wait.Wake();
        // Long enough for a thread still waiting for the kernel's acknowledgement (AcknowledgeWithin) to return.
        _thread?.Join(AcknowledgeWithin + TimeSpan.FromSeconds(2));
        _events?.Dispose();
        _wait.Dispose();
        _quorum.Dispose();
        foreach (ProcessExitWatch watch in watches) watch.Dispose();
    }
}
