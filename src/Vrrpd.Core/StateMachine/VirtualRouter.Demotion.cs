namespace Vrrpd.StateMachine;

public sealed partial class VirtualRouter
{
    /// <summary>The priority a demoted instance advertises and compares with: the lowest a Backup can have
    /// (RFC 5798 §5.2.4: 1..254 for a non-owner), so any peer wins every election against it.</summary>
    public const byte DemotedPriority = 1;

    private string? _demotedBecause;          // null unless an operator demoted this instance
    private byte _requestedPriority;          // the trackers' priority, applied again on Resume

    /// <summary>Why the instance is demoted ("demoted by operator uid 0"), or null.</summary>
    public string? DemotedBecause { get { lock (_gate) return _demotedBecause; } }

    /// <summary>
    /// Maintenance handover (vrrpd's own, keepalived has none): a Master leaves now as at shutdown (RFC 5798 §6.4.3:
    /// priority-0 advert, VIPs removed), so the Backup takes over after Skew_Time; then, in any state, the instance
    /// runs at <see cref="DemotedPriority"/> until <see cref="Resume"/>, so it never preempts. It still takes over
    /// when no other router answers at all (a VIP served at priority 1 beats no VIP). An address owner cannot hand
    /// over (it ignores every advert, §7.1), so it is refused.
    /// </summary>
    /// <returns>False when already demoted.</returns>
    public bool Demote(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (_gate)
        {
            if (IsOwner) throw new InvalidOperationException($"{Name} is the address owner (priority 255) and cannot hand over");
            if (_demotedBecause is not null) return false;
            _demotedBecause = reason;
            _effectivePriority = DemotedPriority;
            if (_state == VrrpState.Master)
            {
                // §6.4.3 Shutdown's actions without leaving the protocol: priority 0 first, then Backup (which removes
                // the VIPs and arms Master_Down_Timer as a fresh Backup).
                _ports.SendAdvertisement(0);
                ForgetMaster();
                ChangeState(VrrpState.Backup, new TransitionCause(TransitionCauseKind.Demoted, reason));
            }
            else
            {
                RescaleMasterDownTimer();
            }
            return true;
        }
    }

    /// <summary>Ends a demotion: the trackers' priority applies again; with preempt a Backup that now outranks the
    /// Master takes over when its down timer runs out (§6.4.2 discards the lower-priority adverts).</summary>
    /// <returns>False when not demoted.</returns>
    public bool Resume()
    {
        lock (_gate)
        {
            if (_demotedBecause is null) return false;
            _demotedBecause = null;
            _effectivePriority = _requestedPriority;
            if (_state == VrrpState.Master) AdvertiseNow();
            else RescaleMasterDownTimer();
            return true;
        }
    }
}
