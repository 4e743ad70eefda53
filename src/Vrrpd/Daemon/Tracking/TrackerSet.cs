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
    private readonly Dictionary<(TrackerKind, string), TrackerRunner> _runners = new();
    private readonly Dictionary<(TrackerKind, string), string> _disabled = new();
    private readonly Log _log;

    public TrackerSet(VrrpdConfiguration config, IProbeFactory probes, TimeProvider time, Log log)
    {
        _log = log;
        var tracked = config.Instances.SelectMany(i => i.Trackers).Select(t => (t.Kind, t.Name)).ToHashSet();
        foreach (var definition in TrackerDefinition.All(config).Where(d => tracked.Contains((d.Kind, d.Name))))
        {
            var key = (definition.Kind, definition.Name);
            if (!probes.Supports(definition.Kind))
            {
                _disabled[key] = $"no {definition.Kind.ToString().ToLowerInvariant()} probe in this build";
                _log.Warning($"{definition.Label}: {_disabled[key]}; it has no effect");
                continue;
            }

            var runner = new TrackerRunner(new Tracker(definition.Name, definition.Kind, definition.Timing), new TimedProbe(probes.Create(definition)), time);
            var previous = TrackerState.Unknown;
            runner.Changed += r =>
            {
                var (state, reason) = r.Read(t => (t.State, t.LastReason));
                var before = previous;
                previous = state;
                if (state != before)
                {
                    _log.Info($"{definition.Label}: {before} -> {state} ({reason})");
                    StateChanged?.Invoke(definition, before, state, reason);
                }
                Changed?.Invoke(key);
            };
            _runners[key] = runner;
        }
    }

    public event Action<(TrackerKind Kind, string Name)>? Changed;

    /// <summary>Raised when a tracker's state changed (not only its reason): from, to, the reason in words.</summary>
    public event Action<TrackerDefinition, TrackerState, TrackerState, string?>? StateChanged;

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
