using Vrrpd.Protocol;

namespace Vrrpd.StateMachine;

public sealed partial class VirtualRouter
{
    /// <summary>The most an advert's arrival time may move the Master_Down_Timer back (see ArrivalAge).</summary>
    internal static readonly TimeSpan MaxArrivalAge = TimeSpan.FromMilliseconds(5);

    private ReceivedAdvertisement? _lowerPriorityMaster;   // the lower-priority Master discarded since the last accepted advert
    private long? _firstLowerPriorityAt;   // preempt_delay: when (monotonic timestamp) the current lower-priority Master was first heard

    /// <summary>
    /// An ADVERTISEMENT that passed the receive checks of §7.1. Initialize and Fault take no part in the election
    /// (keepalived: Fault ignores adverts); the address owner discards every advert (§7.1).
    /// </summary>
    public void ReceiveAdvertisement(ReceivedAdvertisement advert)
    {
        ArgumentNullException.ThrowIfNull(advert.Source);
        lock (_gate)
        {
            if (IsOwner) return;
            switch (_state)
            {
                case VrrpState.Backup:
                    ReceiveInBackup(advert);
                    break;
                case VrrpState.Master:
                    ReceiveInMaster(advert);
                    break;
            }
        }
    }

    private void ReceiveInBackup(ReceivedAdvertisement advert)
    {
        // §6.4.2: "If the Priority in the ADVERTISEMENT is zero, then: Set the Master_Down_Timer to Skew_Time".
        if (advert.Priority == 0)
        {
            ArmMasterDownTimer(CurrentSkewTime, new TransitionCause(TransitionCauseKind.PriorityZero, $"priority 0 from {advert.Source} (master stopped)")
                { Peer = advert.Source, PeerPriority = 0 }, skewOnly: true, ArrivalAge(advert));
            return;
        }

        // §6.4.2: "If Preempt_Mode is False, or if the Priority in the ADVERTISEMENT is greater than or equal to the
        // local Priority, then: Reset the Master_Down_Timer to Master_Down_Interval". keepalived's preempt_delay
        // accepts a lower-priority Master too, until the delay since its first advert has passed.
        if (!_settings.Preempt || advert.Priority >= _effectivePriority || PreemptDelayPending())
        {
            AcceptAdvertisement(advert);
            return;
        }

        // §6.4.2: "else (Priority less than local Priority and Preempt_Mode True): Discard the ADVERTISEMENT".
        // The timer keeps running: this Backup takes over one Master_Down_Interval after the last accepted advert.
        // Waiting for ownership that the lower-priority Master holds: this router would have preempted it by
        // becoming Master; it advertises instead, so that Master yields and releases the permit (IMasterPermit.MayContend).
        _lowerPriorityMaster = advert;
        if (_waitingForPermit && _permit is { MayContend: true }) _ports.SendAdvertisement(_effectivePriority);
    }

    /// <summary>
    /// Record the Master and restart the down timer. v3 (§6.4.2): "Set Master_Adver_Interval to Adver Interval
    /// contained in the ADVERTISEMENT; Recompute the Master_Down_Interval"; RFC 9568 also recomputes Skew_Time (the
    /// 5798 erratum), which <see cref="CurrentMasterDownInterval"/> always does. v2 times on its own interval.
    /// </summary>
    private void AcceptAdvertisement(ReceivedAdvertisement advert)
    {
        LearnMaster(advert);
        if (advert.Priority >= _effectivePriority) _firstLowerPriorityAt = null;
        _wantsMaster = false;
        StopWaitingForPermit();
        _lowerPriorityMaster = null;
        ArmMasterDownTimer(CurrentMasterDownInterval, MasterDownCauseFor(advert), age: ArrivalAge(advert));
    }

    /// <summary>
    /// How long ago the advert arrived: §6.4.2 resets the Master_Down_Timer on receipt, and the receipt is the
    /// kernel's, not the moment this thread got to it (a wake-up and a lock later). The correction is capped at
    /// <see cref="MaxArrivalAge"/>: a wall-clock step between the kernel's stamp and now must not fire the timer
    /// early; a later timer only costs failover speed.
    /// </summary>
    private TimeSpan ArrivalAge(ReceivedAdvertisement advert)
    {
        if (advert.ArrivedAt is not { } arrived) return TimeSpan.Zero;
        // The kernel stamps on the wall clock; the age is read at once and capped, and from here on the interval
        // runs on the monotonic clock.
        var age = _time.GetUtcNow() - arrived;
        age = age <= TimeSpan.Zero ? TimeSpan.Zero : age > MaxArrivalAge ? MaxArrivalAge : age;
        // Two threads may read the socket (the receive thread, and the timer's ReceivePending): an older advert
        // handled after a newer one must not move the running interval's start back.
        if (_masterDownTimer.IsArmed && age > _masterDownTimer.Elapsed) age = _masterDownTimer.Elapsed;
        return age;
    }

    private void LearnMaster(ReceivedAdvertisement advert)
    {
        _masterAddress = advert.Source;
        if (_settings.Version == VrrpVersion.V3 && advert.AdvertisementInterval > TimeSpan.Zero)
            _masterAdverInterval = advert.AdvertisementInterval;
    }

    private bool PreemptDelayPending()
    {
        if (_settings.PreemptDelay <= TimeSpan.Zero) return false;
        var now = _time.GetTimestamp();
        _firstLowerPriorityAt ??= now;
        return _time.GetElapsedTime(_firstLowerPriorityAt.Value, now) < _settings.PreemptDelay;
    }

    private void ReceiveInMaster(ReceivedAdvertisement advert)
    {
        // §6.4.3: "If an ADVERTISEMENT is received, then: If the Priority in the ADVERTISEMENT is zero, then: Send an
        // ADVERTISEMENT; Reset the Adver_Timer to Advertisement_Interval". Paced, so that a flood of priority 0 is
        // not answered packet for packet (docs/design/vrrp-protocol.md §9).
        if (advert.Priority == 0)
        {
            AnswerPriorityZero();
            return;
        }

        int order = advert.Priority.CompareTo(_effectivePriority);
        bool equalPriority = order == 0;
        if (equalPriority) order = AddressOrder.Compare(advert.Source, _settings.PrimaryAddress);

        // §6.4.3: "If the Priority in the ADVERTISEMENT is greater than the local Priority, or the Priority in the
        // ADVERTISEMENT is equal to the local Priority and the primary IPvX Address of the sender is greater than the
        // local primary IPvX Address, then: Cancel Adver_Timer; Set Master_Adver_Interval to Adver Interval contained
        // in the ADVERTISEMENT; Recompute the Skew_Time; Recompute the Master_Down_Interval; Set Master_Down_Timer
        // to Master_Down_Interval; Transition to the {Backup} state".
        if (order > 0)
        {
            // Not in the RFC (keepalived's vrrp_higher_prio_send_advert): one last advert at our priority, so the
            // winner hears a lower priority and announces its VIPs at once. When two Masters meet after a split,
            // neighbours' caches may name this host; whether the winner hears this one first is otherwise a race
            // (docs/design/single-owner.md §4).
            _ports.SendAdvertisement(_effectivePriority);
            LearnMaster(advert);
            ChangeState(VrrpState.Backup, new TransitionCause(TransitionCauseKind.HigherPriority, equalPriority
                ? $"equal priority {advert.Priority} from higher address {advert.Source}"
                : $"higher priority {advert.Priority} from {advert.Source}") { Peer = advert.Source, PeerPriority = advert.Priority });
            return;
        }

        // Same priority and same address: our own advert looped back, or a duplicate address. Answering it would
        // loop, so it is dropped (keepalived logs it).
        if (order == 0) return;

        // RFC 9568 §6.4.3: "Otherwise (i.e., the Priority in the ADVERTISEMENT is less than the local Priority, or
        // ...equal... and the primary IPvX Address of the sender is less than the local primary IPvX Address):
        // Discard the ADVERTISEMENT; Send an ADVERTISEMENT immediately to assert the Active state to the sending VRRP
        // Router and to update any learning bridges". keepalived adds a GARP burst ("forcing new election").
        AdvertiseNow();
        _ports.AnnounceVirtualAddresses(AnnounceReason.LowerPriorityHeard);
    }
}
