namespace Vrrpd.StateMachine;

public sealed partial class VirtualRouter
{
    private IMasterPermit? _permit;
    private bool _waitingForPermit;        // in Backup: VRRP said Master, the permit has not been given yet
    private TransitionCause? _permitCause;  // why VRRP wanted Master (the transition's cause once permitted)

    /// <summary>
    /// An outside condition for entering Master (quorum ownership): every way into Master asks it first, and a
    /// router refused waits in Backup. Null: VRRP alone decides. Set before <see cref="Start"/>.
    /// </summary>
    public IMasterPermit? Permit
    {
        get { lock (_gate) return _permit; }
        set { lock (_gate) _permit = value; }
    }

    /// <summary>True while VRRP says Master and the permit has not been given (status: "waiting for ownership").</summary>
    public bool WaitingForPermit { get { lock (_gate) return _waitingForPermit; } }

    /// <summary>The permit was given: a router still waiting for it becomes Master now.</summary>
    public void PermitGranted()
    {
        lock (_gate)
        {
            if (!_waitingForPermit || _state != VrrpState.Backup) return;
            _waitingForPermit = false;
            ChangeState(VrrpState.Master, new TransitionCause(TransitionCauseKind.OwnershipAcquired, $"{_permitCause?.Text}; ownership acquired")
                { Peer = _permitCause?.Peer, PeerPriority = _permitCause?.PeerPriority });
        }
    }

    /// <summary>
    /// The permit was taken away (lease lost, another holder seen): a Master leaves at once, safety before liveness.
    /// It sends priority 0 first, so a Backup that can take over does so after Skew_Time rather than
    /// Master_Down_Interval (the same courtesy as entering Fault, §6.4.3), then withdraws its addresses as Backup.
    /// </summary>
    public void PermitRevoked(string reason)
    {
        lock (_gate)
        {
            if (_state != VrrpState.Master) return;
            _ports.SendAdvertisement(0);
            ChangeState(VrrpState.Backup, new TransitionCause(TransitionCauseKind.OwnershipLost, reason));
        }
    }

    /// <summary>Asks the permit on the way into Master; false leaves the router waiting (in Backup).</summary>
    private bool MayEnterMaster(TransitionCause cause)
    {
        if (_permit is null || _permit.Request())
        {
            _waitingForPermit = false;
            return true;
        }
        _waitingForPermit = true;
        _permitCause = cause;
        return false;
    }

    /// <summary>Waiting ends without Master (an advert accepted, Fault, shutdown): the permit is not wanted now.</summary>
    private void StopWaitingForPermit()
    {
        if (!_waitingForPermit) return;
        _waitingForPermit = false;
        _permit?.Withdraw();
    }
}
