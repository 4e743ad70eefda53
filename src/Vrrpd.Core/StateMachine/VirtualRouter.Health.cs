namespace Vrrpd.StateMachine;

public sealed partial class VirtualRouter
{
    private readonly Dictionary<string, string> _faultConditions = new(StringComparer.Ordinal);   // key -> reason

    /// <summary>Whether this instance itself has an active fault condition (a sync group may fault it anyway).</summary>
    internal bool HasOwnFault => _faultConditions.Count > 0;

    /// <summary>The reasons of the active fault conditions, for status.</summary>
    public IReadOnlyList<string> ActiveFaults { get { lock (_gate) return _faultConditions.Values.ToArray(); } }

    /// <summary>
    /// One fault source changed (link down, unweighted tracked interface, weight-0 tracker). keepalived semantics:
    /// Fault while any is active; entering Fault from Master sends priority 0 and removes the virtual addresses;
    /// leaving Fault goes to Backup with a fresh down timer (an address owner goes straight to Master, as at startup).
    /// Before <see cref="Start"/> the condition is only recorded.
    /// </summary>
    /// <param name="key">Identifies the source ("link", "track_interface eth1", "track_script chk_gpu").</param>
    /// <param name="reason">In words, used as the transition reason: "interface eth0 down" / "interface eth0 up".</param>
    public void SetFaultCondition(string key, bool active, string reason)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(reason);
        lock (_gate)
        {
            bool changed = active ? _faultConditions.TryAdd(key, reason) : _faultConditions.Remove(key);
            if (active) _faultConditions[key] = reason;
            if (!changed) return;
            // Entering Fault is caused by this condition; leaving it by this condition's end (whichever ended last).
            var cause = new TransitionCause(active ? TransitionCauseKind.Fault : TransitionCauseKind.Recovered, reason) { Condition = key };
            if (_syncGroup is { } group) group.ApplyFaults(this, cause);
            else ApplyFault(cause);
        }
    }

    /// <summary>Move into or out of Fault to match the fault conditions (own, or the sync group's).</summary>
    internal void ApplyFault(TransitionCause cause)
    {
        if (_state == VrrpState.Initialize) return;
        bool faulted = FaultReason() is not null;
        if (faulted) ChangeState(VrrpState.Fault, cause);
        else if (_state == VrrpState.Fault) ChangeState(IsOwner && MayEnterMaster(cause) ? VrrpState.Master : VrrpState.Backup, cause);
    }

    /// <summary>The reason to be in Fault now, or null when nothing holds this instance there.</summary>
    private string? FaultReason() =>
        _faultConditions.Count > 0 ? _faultConditions.Values.First() : _syncGroup?.FaultReasonFor(this);

    /// <summary>
    /// The trackers' priority (keepalived: base + Σ deltas, clamped 1..254; never applied to an address owner).
    /// Master: advertises the new priority at once. Backup: Skew_Time depends on it, so the running down timer is
    /// rescaled. While demoted the value is kept for <see cref="Resume"/>.
    /// </summary>
    public void SetEffectivePriority(byte priority)
    {
        lock (_gate)
        {
            if (IsOwner) return;
            var clamped = Math.Clamp(priority, (byte)1, (byte)254);
            _requestedPriority = clamped;
            if (_demotedBecause is not null) return;   // held at DemotedPriority until Resume
            if (clamped == _effectivePriority) return;
            _effectivePriority = clamped;
            if (_state == VrrpState.Master) AdvertiseNow();
            else RescaleMasterDownTimer();
        }
    }
}
