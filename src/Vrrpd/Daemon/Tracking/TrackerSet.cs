using Vrrpd.Configuration;
using Vrrpd.Health;
using Vrrpd.Logging;

namespace Vrrpd.Daemon.Tracking;

/// <summary>
/// One <see cref="TrackerRunner"/> per tracker that some instance tracks (keepalived runs only tracked scripts),
/// shared by every instance that names it. A tracker whose kind has no probe in this build is kept as
/// "disabled": it has no effect and status says why. <see cref="Changed"/> is raised (from timer or probe
/// threads) with the tracker's key after its state or reason changed.
/// </summary>
internal sealed class TrackerSet : IDisposable
{
    // Copy-on-write: a reload swaps in a new dictionary, so readers on other threads never see one half-changed.
    private volatile Dictionary<(TrackerKind, string), TrackerRunner> _runners = new();
    private volatile Dictionary<(TrackerKind, string), string> _disabled = new();
    private readonly Dictionary<(TrackerKind, string), TrackerDefinition> _definitions = new();   // what each runner was started for
    private readonly IProbeFactory _probes;
    private readonly TimeProvider _time;
    private readonly Log _log;

    public TrackerSet(VrrpdConfiguration config, IProbeFactory probes, TimeProvider time, Log log)
    {
        _probes = probes;
        _time = time;
        _log = log;
        var runners = new Dictionary<(TrackerKind, string), TrackerRunner>();
        var disabled = new Dictionary<(TrackerKind, string), string>();
        foreach (var definition in Tracked(config)) Add(definition, runners, disabled);
        _runners = runners;
        _disabled = disabled;
    }

    private static IEnumerable<TrackerDefinition> Tracked(VrrpdConfiguration config)
    {
        var tracked = config.Instances.SelectMany(i => i.Trackers).Select(t => (t.Kind, t.Name)).ToHashSet();
        return TrackerDefinition.All(config).Where(d => tracked.Contains((d.Kind, d.Name)));
    }

    private TrackerRunner? Add(TrackerDefinition definition, Dictionary<(TrackerKind, string), TrackerRunner> runners, Dictionary<(TrackerKind, string), string> disabled)
    {
        var key = (definition.Kind, definition.Name);
        _definitions[key] = definition;
        if (!_probes.Supports(definition.Kind))
        {
            disabled[key] = $"no {definition.Kind.ToString().ToLowerInvariant()} probe in this build";
            _log.Warning($"{definition.Label}: {disabled[key]}; it has no effect");
            return null;
        }

        var runner = new TrackerRunner(new Tracker(definition.Name, definition.Kind, definition.Timing), new TimedProbe(_probes.Create(definition)), _time);
        var previous = TrackerState.Unknown;
        runner.Changed += r =>
        {
            var (state, reason, facts) = r.Read(t => (t.State, t.LastReason, t.LastFacts));
            var before = previous;
            previous = state;
            if (state != before)
            {
                _log.Info($"{definition.Label}: {before} -> {state} ({reason})");
                StateChanged?.Invoke(new TrackerStateChange(definition, before, state, reason, facts));
            }
            Changed?.Invoke(key);
        };
        runners[key] = runner;
        return runner;
    }

    /// <summary>
    /// A reload: trackers whose block is unchanged keep their runner (state, counters, latches); changed or new
    /// ones get a fresh runner, started now; ones no instance tracks any more are stopped. Returns what changed.
    /// </summary>
    public IReadOnlyList<string> Reload(VrrpdConfiguration config)
    {
        var runners = new Dictionary<(TrackerKind, string), TrackerRunner>();
        var disabled = new Dictionary<(TrackerKind, string), string>();
        var started = new List<TrackerRunner>();
        var changes = new List<string>();
        var old = _runners;
        var oldDefinitions = new Dictionary<(TrackerKind, string), TrackerDefinition>(_definitions);
        _definitions.Clear();
        foreach (var definition in Tracked(config))
        {
            var key = (definition.Kind, definition.Name);
            if (old.TryGetValue(key, out var kept) && oldDefinitions.GetValueOrDefault(key) is { } before && before.SameSettingsAs(definition))
            {
                runners[key] = kept;
                _definitions[key] = definition;
                continue;
            }
            changes.Add($"{definition.Label} {(oldDefinitions.ContainsKey(key) ? "changed" : "added")}");
            if (Add(definition, runners, disabled) is { } runner) started.Add(runner);
        }
        foreach (var (key, runner) in old.Where(r => !runners.TryGetValue(r.Key, out var same) || !ReferenceEquals(same, r.Value)))
        {
            if (!runners.ContainsKey(key)) changes.Add($"{TrackerDefinition.ReferenceKeyword(key.Item1)} {key.Item2} removed");
            runner.Dispose();
        }
        _runners = runners;
        _disabled = disabled;
        foreach (var runner in started) runner.Start();
        return changes;
    }

    public event Action<(TrackerKind Kind, string Name)>? Changed;

    /// <summary>Raised when a tracker's state changed (not only its reason): from, to, the reason in words.</summary>
    public event Action<TrackerStateChange>? StateChanged;

    /// <summary>Every running tracker, for metrics.</summary>
    public IEnumerable<(TrackerKind Kind, string Name, TrackerRunner Runner)> Runners =>
        _runners.Select(r => (r.Key.Item1, r.Key.Item2, r.Value));

    public TrackerRunner? Find(TrackerKind kind, string name) => _runners.GetValueOrDefault((kind, name));

    /// <summary>True when some kind of tracker with this name runs.</summary>
    public bool Knows(string name) => _runners.Keys.Any(k => k.Item2 == name);

    /// <summary>Why a tracked tracker does nothing, or null when it runs.</summary>
    public string? DisabledReason(TrackerKind kind, string name) => _disabled.GetValueOrDefault((kind, name));

    /// <summary>Starts every probe; the first polls run now.</summary>
    public void Start()
    {
        foreach (var runner in _runners.Values) runner.Start();
    }

    /// <summary>Clears a latched fatal fault (all kinds with that name); false when none was latched.</summary>
    public bool ClearLatch(string name) =>
        _runners.Where(r => r.Key.Item2 == name).Select(r => r.Value.ClearLatch()).ToArray().Any(cleared => cleared);

    public void Dispose()
    {
        foreach (var runner in _runners.Values) runner.Dispose();
    }
}
