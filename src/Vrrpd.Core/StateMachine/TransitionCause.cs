using System.Net;

namespace Vrrpd.StateMachine;

/// <summary>What made a router change state, as a fact the daemon can render (events, status, metrics, notify)
/// without reading it back out of the words.</summary>
public enum TransitionCauseKind
{
    Startup,
    Shutdown,
    /// <summary>The Master_Down_Timer ran out with no Master heard (§6.4.2).</summary>
    MasterDown,
    /// <summary>The Master_Down_Timer ran out while a lower-priority Master was heard and discarded: preemption.</summary>
    Preempted,
    /// <summary>A Master sent priority 0 (it stopped) and Skew_Time passed.</summary>
    PriorityZero,
    /// <summary>A Master heard a higher priority, or an equal one from a higher address (§6.4.3).</summary>
    HigherPriority,
    /// <summary>A fault condition became active (interface down, weight-0 tracker, no source address...).</summary>
    Fault,
    /// <summary>The last fault condition ended.</summary>
    Recovered,
    /// <summary>Another member of the sync group moved or faulted, and this one followed.</summary>
    SyncGroup,
    /// <summary>An operator's `vrrpd demote`.</summary>
    Demoted,
    /// <summary>Quorum ownership was acquired (the wait for it ended) or lost.</summary>
    OwnershipAcquired,
    OwnershipLost,
}

/// <param name="Kind">What happened.</param>
/// <param name="Text">The same in words, for logs: "higher priority 150 from 192.0.2.11".</param>
public sealed record TransitionCause(TransitionCauseKind Kind, string Text)
{
    /// <summary>The other router involved: the Master that stopped, preempted us or was preempted, or was last
    /// heard before the down timer ran out.</summary>
    public IPAddress? Peer { get; init; }

    /// <summary>That router's advertised priority.</summary>
    public byte? PeerPriority { get; init; }

    /// <summary>The fault condition's key for Fault, Recovered and SyncGroup (e.g. "track_gpu gpu0", "interface").</summary>
    public string? Condition { get; init; }

    public override string ToString() => Text;
}
