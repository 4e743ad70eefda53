using Vrrpd.Daemon.Events;
using Vrrpd.Daemon.Ownership;
using Vrrpd.Daemon.Tracking;
using Vrrpd.Health;
using Vrrpd.Status;

namespace Vrrpd.Daemon;

internal sealed partial class VrrpDaemon
{
    /// <summary>A tracker changed state: one failover report line, naming the instances that track it.</summary>
    private void RecordTrackerChange(TrackerStateChange change)
    {
        var (tracker, from, to, reason) = (change.Tracker, change.From, change.To, change.Reason);
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["tracker"] = tracker.Name,
            ["trackerKind"] = tracker.Kind.ToString().ToLowerInvariant(),
            ["instances"] = string.Join(",", _instances.Where(i => i.Tracks(tracker.Kind, tracker.Name)).Select(i => i.Config.Name)),
        };
        CauseFacts.AddTrackerFacts(change.Facts, data);
        var failover = new FailoverEvent
        {
            Time = _context.Time.GetUtcNow(),
            Kind = "tracker",
            From = from.ToString(),
            To = to.ToString(),
            Cause = $"{tracker.Label}: {reason ?? to.ToString().ToLowerInvariant()}",
            Data = data,
        };
        _context.Effects.Enqueue(() => _context.Events.Append(failover));
    }

    /// <summary>An ownership claim changed state: one line with the fencing token, naming the instances it gates.</summary>
    private void RecordOwnershipChange(OwnershipGate gate, Vrrpd.Ownership.OwnershipTransition transition)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["key"] = gate.Config.Key,
            ["instances"] = string.Join(",", gate.Config.Instances),
            ["mayHoldAddresses"] = transition.MayHoldAddresses ? "true" : "false",
        };
        if (transition.FencingToken is { } token) data["fencingToken"] = token.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var failover = new FailoverEvent
        {
            Time = transition.At,
            Kind = "ownership",
            From = transition.From.ToString(),
            To = transition.To.ToString(),
            Cause = $"vrrp_ownership {gate.Config.Ownership.Name} ({gate.Config.Key}): {transition.Reason}",
            Data = data,
        };
        _context.Effects.Enqueue(() => _context.Events.Append(failover));
    }
}
