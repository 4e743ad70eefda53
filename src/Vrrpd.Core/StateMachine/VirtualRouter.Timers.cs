namespace Vrrpd.StateMachine;

public sealed partial class VirtualRouter
{
    private const string DownTimerExpiredReason = "master down timer expired";

    /// <summary>The down timer's cause: the Master last heard (if any) went silent.</summary>
    private static TransitionCause MasterDownCause(ReceivedAdvertisement? last) =>
        new(TransitionCauseKind.MasterDown, DownTimerExpiredReason) { Peer = last?.Source, PeerPriority = last?.Priority };

    /// <summary>
    /// <see cref="MasterDownCause"/> for an accepted advert, reusing the one the timer already carries when it names
    /// the same Master at the same priority: a Backup re-arms on every advert, and steady-state receiving allocates
    /// nothing (docs/design/event-loop.md §6).
    /// </summary>
    private TransitionCause MasterDownCauseFor(ReceivedAdvertisement advert) =>
        _downTimerCause is { Kind: TransitionCauseKind.MasterDown, Peer: { } peer, PeerPriority: { } priority }
        && priority == advert.Priority && (ReferenceEquals(peer, advert.Source) || peer.Equals(advert.Source))
            ? _downTimerCause
            : MasterDownCause(advert);

    private bool _downTimerOnSkewOnly;        // armed with Skew_Time after a priority-0 advert, not the full interval
    private TransitionCause _downTimerCause = MasterDownCause(null);
    private bool _wantsMaster;                // the down timer expired but the sync group held this member back

    /// <summary>Master, §6.4.3: "If the Adver_Timer fires, then: Send an ADVERTISEMENT; Reset the Adver_Timer".</summary>
    private void OnAdverTimerExpired()
    {
        if (_state != VrrpState.Master) return;
        AdvertiseNow();
    }

    /// <summary>Send an ADVERTISEMENT at the effective priority and restart Adver_Timer from now.</summary>
    private void AdvertiseNow()
    {
        _ports.SendAdvertisement(_effectivePriority);
        _lastAdvertAt = _time.GetTimestamp();
        _adverTimer.Arm(_settings.AdvertisementInterval);
    }

    /// <summary>
    /// Master, §6.4.3: "If the Priority in the ADVERTISEMENT is zero, then: Send an ADVERTISEMENT; Reset the
    /// Adver_Timer to Advertisement_Interval", paced (<see cref="PriorityZeroAnswerPacing"/>): at once when the last
    /// advert went out at least a pacing period ago; otherwise Adver_Timer is brought forward to the end of that
    /// period, where it sends the answer and restarts as usual. Any number of priority 0 in between share it.
    /// </summary>
    private void AnswerPriorityZero()
    {
        var period = PriorityZeroAnswerPacing.Period(_settings.Version, _settings.AdvertisementInterval);
        var sinceLast = _lastAdvertAt is { } at ? _time.GetElapsedTime(at) : TimeSpan.MaxValue;
        if (sinceLast >= period)
        {
            AdvertiseNow();
            return;
        }
        var wait = period - sinceLast;
        if (_adverTimer.Remaining is { } remaining && remaining <= wait) return;
        _adverTimer.Arm(wait);
    }

    /// <summary>Backup, §6.4.2: "If the Master_Down_Timer fires, then: ... Transition to the {Master} state".</summary>
    private void OnMasterDownTimerExpired()
    {
        if (_state != VrrpState.Backup) return;
        // An advert that arrived before the deadline but is not read yet (the receive thread not scheduled) would
        // have reset the timer: read what is queued first. One that resets it leaves the timer armed again.
        _ports.ReceivePending();
        if (_state != VrrpState.Backup || _masterDownTimer.IsArmed) return;
        if (_syncGroup is { } group && !group.CanGoMaster(this))
        {
            // keepalived vrrp_sync_can_goto_master: go only when every member wants to ("prefer backup state to
            // avoid thrashing"); wait another down interval, or until the last member's timer pulls us along.
            ArmMasterDownTimer(CurrentMasterDownInterval, _downTimerCause);
            return;
        }
        // With quorum ownership, only once the lease is ours: until then this router waits in Backup with no timer
        // (PermitGranted ends the wait; an advert from a Master ends it too, and arms the timer again).
        // A lower-priority Master was heard (and discarded) while the timer ran: this is preemption, not silence.
        var cause = _lowerPriorityMaster is { } lower && _downTimerCause.Kind == TransitionCauseKind.MasterDown
            ? _downTimerCause with { Kind = TransitionCauseKind.Preempted, Peer = lower.Source, PeerPriority = lower.Priority }
            : _downTimerCause;
        if (!MayEnterMaster(cause)) return;
        ChangeState(VrrpState.Master, cause);
    }

    /// <param name="age">How long ago the event that starts the interval happened (an advert's arrival): the
    /// timer runs from then.</param>
    private void ArmMasterDownTimer(TimeSpan dueIn, TransitionCause cause, bool skewOnly = false, TimeSpan age = default)
    {
        _downTimerOnSkewOnly = skewOnly;
        _downTimerCause = cause;
        _masterDownTimer.Arm(dueIn, startedAgo: age);
    }

    /// <summary>
    /// The priority changed in Backup: Skew_Time depends on it, so move the running Master_Down_Timer to where it
    /// would be had it been armed with the new value (keepalived vrrp_set_effective_priority). A deadline already
    /// past fires now.
    /// </summary>
    private void RescaleMasterDownTimer()
    {
        if (_state != VrrpState.Backup || !_masterDownTimer.IsArmed) return;
        // Monotonic: with the wall clock, a forward step plus a priority change would fire the timer at once.
        var elapsed = _masterDownTimer.Elapsed;
        var interval = _downTimerOnSkewOnly ? CurrentSkewTime : CurrentMasterDownInterval;
        if (interval > elapsed)
        {
            _masterDownTimer.Arm(interval, startedAgo: elapsed);
            return;
        }
        _masterDownTimer.Cancel();
        OnMasterDownTimerExpired();
    }
}
