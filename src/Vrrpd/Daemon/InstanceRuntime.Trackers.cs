using Vrrpd.Configuration;
using Vrrpd.Daemon.Tracking;
using Vrrpd.Health;
using Vrrpd.Linux.Health;

namespace Vrrpd.Daemon;

internal sealed partial class InstanceRuntime
{
    private readonly Dictionary<string, bool> _trackedLinkUp = new(StringComparer.Ordinal);
    private readonly Dictionary<(TrackerKind, string), TrackedEffect> _trackerEffects = new();
    private TrackerSet? _trackers;

    /// <summary>The daemon's trackers; set before <see cref="Start"/>.</summary>
    public void AttachTrackers(TrackerSet trackers) => _trackers = trackers;

    public bool Tracks(TrackerKind kind, string name) => Config.Trackers.Any(t => t.Kind == kind && t.Name == name);

    /// <summary>A tracker this instance names changed: recompute priority and faults.</summary>
    public void OnTrackerChanged(TrackerKind kind, string name)
    {
        if (Tracks(kind, name)) ApplyTracking();
    }

    /// <summary>A reload replaced some trackers: recompute from the current runners.</summary>
    public void RefreshTracking() => ApplyTracking();

    /// <summary>
    /// The one priority computation (keepalived vrrp_track.c, <see cref="TrackerPriority"/>): weighted tracked
    /// interfaces and every tracker feed it; the effective priority goes to the state machine, which advertises a
    /// change at once as Master or rescales its down timer as Backup; a tracker's Fault becomes a fault condition
    /// keyed by its label ("track_script chk"), so a weight-0 failure withdraws the VIPs with a priority-0 advert.
    /// Unweighted tracked interfaces keep their own fault keys (<see cref="OnLinkChanged"/>).
    /// </summary>
    private void ApplyTracking()
    {
        if (_router is null) return;
        var conditions = new List<TrackedCondition>();
        var keys = new List<(TrackerKind Kind, string Name)?>();
        foreach (var tracked in Config.TrackInterfaces.Where(t => t.Weight != 0))
        {
            var up = _trackedLinkUp.GetValueOrDefault(tracked.Name);
            conditions.Add(new TrackedCondition($"track_interface {tracked.Name}", up ? TrackerState.Ok : TrackerState.Failed, tracked.Weight, tracked.Reverse));
            keys.Add(null);
        }
        foreach (var reference in Config.Trackers)
        {
            if (_trackers?.Find(reference.Kind, reference.Name) is not { } runner) continue;
            conditions.Add(ConditionOf(reference, runner));
            keys.Add((reference.Kind, reference.Name));
        }

        var outcome = TrackerPriority.Compute(Config.Priority, conditions);
        for (var i = 0; i < conditions.Count; i++)
        {
            if (keys[i] is not { } key) continue;
            var effect = outcome.Effects[i];
            _trackerEffects[key] = effect;
            SetFault(conditions[i].Name, effect.FaultReason is not null, effect.FaultReason ?? $"{conditions[i].Name} recovered");
        }
        if (_router.EffectivePriority != outcome.EffectivePriority) _router.SetEffectivePriority(outcome.EffectivePriority);
    }

    private static TrackedCondition ConditionOf(TrackerReference reference, TrackerRunner runner)
    {
        var (state, reason) = runner.Read(t => (t.State, t.LastReason));
        long? fileValue = null;
        if (reference.Kind == TrackerKind.File)
        {
            foreach (var m in runner.Probe.Measurements)
                if (m.Name == FileProbe.ValueMeasurement) fileValue = (long)m.Value;
        }
        return new TrackedCondition(
            $"{TrackerDefinition.ReferenceKeyword(reference.Kind)} {reference.Name}",
            state, reference.Weight ?? 0, reference.Reverse ?? false, reason, fileValue);
    }

    /// <summary>What the instance's trackers do now, for status (on the loop).</summary>
    public IReadOnlyList<Status.CheckStatus> DescribeChecks()
    {
        var checks = new List<Status.CheckStatus>();
        foreach (var reference in Config.Trackers)
        {
            var kind = reference.Kind.ToString().ToLowerInvariant();
            var weight = reference.Weight ?? 0;
            if (_trackers?.Find(reference.Kind, reference.Name) is not { } runner)
            {
                checks.Add(new Status.CheckStatus
                {
                    Name = reference.Name, Kind = kind, State = "disabled",
                    Reason = _trackers?.DisabledReason(reference.Kind, reference.Name), Weight = weight, AppliedDelta = 0,
                });
                continue;
            }

            var (state, reason, lastChange) = runner.Read(t => (t.State, t.LastReason, t.LastChange));
            var effect = _trackerEffects.GetValueOrDefault((reference.Kind, reference.Name));
            checks.Add(new Status.CheckStatus
            {
                Name = reference.Name,
                Kind = kind,
                State = effect.Ignored ? "disabled" : state.ToString().ToLowerInvariant(),
                Reason = effect.Ignored ? $"weight {weight} ignored: priority 255 (address owner); {reason}" : reason,
                Weight = weight,
                AppliedDelta = effect.Delta,
                LastChange = lastChange,
                Measurements = runner.Probe.Measurements
                    .Select(m => new Status.MeasurementStatus { Name = m.DisplayName, Value = m.Value, Device = m.Device })
                    .ToArray(),
            });
        }
        return checks;
    }
}
