namespace Vrrpd.Status;

/// <summary>
/// One line of the failover report (<c>events_file</c>, default /var/lib/vrrpd/events.jsonl), read back by
/// `vrrpd events`: a state change, a tracker change, an operator's demote/resume/clear or a reload, with its cause
/// in words and the facts behind it. Field names are the contract: add fields, never rename them.
/// </summary>
public sealed class FailoverEvent
{
    public required DateTimeOffset Time { get; init; }

    /// <summary>"transition", "tracker", "operator" or "reload".</summary>
    public required string Kind { get; init; }

    public string? Instance { get; init; }

    public int? Vrid { get; init; }

    /// <summary>The state (transition) or tracker state (tracker) before and after.</summary>
    public string? From { get; init; }

    public string? To { get; init; }

    /// <summary>In words: "master 192.0.2.11 silent for 3.61 s", "higher priority 150 from 192.0.2.11",
    /// "demoted by operator uid 0", "track_gpu gpus: GPU 0 …: Xid 79, fallen off the bus".</summary>
    public required string Cause { get; init; }

    /// <summary>The configured priority of the instance.</summary>
    public int? Priority { get; init; }

    /// <summary>The priority it advertised after the event.</summary>
    public int? EffectivePriority { get; init; }

    /// <summary>The facts the cause was built from: master, masterPriority, silentSeconds, tracker, gpu, xid, uid…
    /// (strings, so new facts need no schema change).</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();
}
