using System.Globalization;
using System.Net;
using Vrrpd.Daemon.Events;
using Vrrpd.Status;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

internal sealed partial class InstanceRuntime
{
    // The last advert the state machine was given: who, at what priority, when (the TimeProvider's time). A takeover
    // on the down timer is explained from it: "master 192.0.2.11 silent for 3.61 s".
    private (IPAddress Source, byte Priority, DateTimeOffset At)? _lastAdvert;

    private void RememberAdvert(IPAddress source, byte priority)
    {
        _lastAdvert = (source, priority, _context.Time.GetUtcNow());
    }

    /// <summary>One failover report line for a transition, with the cause in words and its facts.</summary>
    private void RecordTransition(StateTransition transition)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        var facts = transition.Cause;
        var cause = facts.Text;
        if (facts.Peer is { } peer)
        {
            data["peer"] = peer.ToString();
            if (facts.PeerPriority is { } peerPriority) data["peerPriority"] = peerPriority.ToString(CultureInfo.InvariantCulture);
        }
        switch (facts.Kind)
        {
            case TransitionCauseKind.MasterDown when _lastAdvert is { } last:
                var silent = (transition.At - last.At).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
                cause = $"master {last.Source} silent for {silent} s";
                data["master"] = last.Source.ToString();
                data["masterPriority"] = last.Priority.ToString(CultureInfo.InvariantCulture);
                data["silentSeconds"] = silent;
                break;
            case TransitionCauseKind.MasterDown:
                cause = $"no master heard within the master down interval ({facts.Text})";
                break;
            case TransitionCauseKind.Preempted:
                // The Master was heard all along, at a lower priority: not silence (issue 11 item 7).
                cause = $"preempted lower priority {facts.PeerPriority} from {facts.Peer}";
                break;
        }
        if (facts.Condition is { } condition)
        {
            data["condition"] = condition;
            foreach (var reference in Config.Trackers)
            {
                if (condition != $"{Tracking.TrackerDefinition.ReferenceKeyword(reference.Kind)} {reference.Name}") continue;
                data["tracker"] = reference.Name;
                // The facts of the result that moved the tracker (GPU, Xid), as its probe stated them.
                CauseFacts.AddTrackerFacts(_trackers?.Find(reference.Kind, reference.Name)?.Read(t => t.LastFacts), data);
            }
        }
        data["causeKind"] = facts.Kind.ToString();
        // The fencing token of the ownership this Master holds (or held until now): a script that moves a cloud IP
        // or a route can refuse orders older than the last token it obeyed (docs/design/ownership.md §3 rule 6).
        if (Ownership?.Claim.FencingToken is { } token) data["fencingToken"] = token.ToString(CultureInfo.InvariantCulture);
        AppendEvent(new FailoverEvent
        {
            Time = transition.At,
            Kind = "transition",
            Instance = Config.Name,
            Vrid = Config.VirtualRouterId,
            From = transition.From.ToString(),
            To = transition.To.ToString(),
            Cause = cause,
            Priority = Config.Priority,
            EffectivePriority = _router?.EffectivePriority ?? Config.Priority,
            Data = data,
        });
    }

    /// <summary>An operator's demote or resume, reported even when it caused no transition (a Backup demoted).</summary>
    public void OnOperatorAction(string action, string cause, VrrpState stateBefore)
    {
        AppendEvent(new FailoverEvent
        {
            Time = _context.Time.GetUtcNow(),
            Kind = "operator",
            Instance = Config.Name,
            Vrid = Config.VirtualRouterId,
            From = stateBefore.ToString(),
            To = State.ToString(),
            Cause = cause,
            Priority = Config.Priority,
            EffectivePriority = _router?.EffectivePriority ?? Config.Priority,
            Data = new Dictionary<string, string>(StringComparer.Ordinal) { ["action"] = action },
        });
    }

    /// <summary>The events file is written by the effects worker: a file append (or a rotation) never holds the loop.</summary>
    private void AppendEvent(FailoverEvent failover) => _context.Effects.Enqueue(() => _context.Events.Append(failover));
}
