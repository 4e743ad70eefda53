namespace Vrrpd.StateMachine;

public sealed partial class VirtualRouter
{
    /// <summary>
    /// The one way the state changes: a no-op when nothing changes; otherwise the old state's exit actions, the
    /// new state's entry actions, then the count, <see cref="LastTransition"/>, the port and the sync group.
    /// </summary>
    internal void ChangeState(VrrpState to, TransitionCause cause)
    {
        var from = _state;
        if (from == to) return;

        LeaveState(from, to);
        _state = to;
        _wantsMaster = false;
        EnterState(to, from);

        _transitions++;
        _lastTransition = new StateTransition(_time.GetUtcNow(), from, to, cause);
        _ports.OnTransition(_lastTransition);
        _syncGroup?.OnMemberTransition(this, _lastTransition);
    }

    private void LeaveState(VrrpState from, VrrpState to)
    {
        switch (from)
        {
            case VrrpState.Backup:
                _masterDownTimer.Cancel();
                _firstLowerPriorityAt = null;
                _lowerPriorityMaster = null;
                if (to == VrrpState.Master) _waitingForPermit = false;
                else StopWaitingForPermit();
                break;

            case VrrpState.Master:
                // §6.4.3 Shutdown: "Cancel the Adver_Timer; Send an ADVERTISEMENT with Priority = 0". keepalived does
                // the same on entering Fault, so the Backup takes over after Skew_Time instead of a full interval.
                _adverTimer.Cancel();
                if (to is VrrpState.Initialize or VrrpState.Fault) _ports.SendAdvertisement(0);
                _ports.RemoveVirtualAddresses();
                break;
        }
    }

    private void EnterState(VrrpState to, VrrpState from)
    {
        switch (to)
        {
            case VrrpState.Master:
                // §6.4.1 / §6.4.2: "Send an ADVERTISEMENT; broadcast a gratuitous ARP / send an unsolicited ND
                // Neighbor Advertisement for each address; Set the Adver_Timer to Advertisement_Interval".
                // keepalived's order: advert first (so the old Master yields), then VIPs, then GARP/NA.
                _masterAdverInterval = _settings.AdvertisementInterval;
                _masterAddress = _settings.PrimaryAddress;
                _ports.SendAdvertisement(_effectivePriority);
                _lastAdvertAt = _time.GetTimestamp();
                _ports.AddVirtualAddresses();
                _ports.AnnounceVirtualAddresses(AnnounceReason.BecameMaster);
                _adverTimer.Arm(_settings.AdvertisementInterval);
                break;

            case VrrpState.Backup:
                // §6.4.1 (v3): "Set Master_Adver_Interval to Advertisement_Interval; Set the Master_Down_Timer to
                // Master_Down_Interval". From Master the caller has already learned the new Master's interval.
                if (from != VrrpState.Master) ForgetMaster();
                ArmMasterDownTimer(CurrentMasterDownInterval, MasterDownCause(null));
                break;

            case VrrpState.Fault:
            case VrrpState.Initialize:
                ForgetMaster();
                break;
        }
    }

    /// <summary>No Master known: the down timer runs on the own interval (§6.4.1).</summary>
    private void ForgetMaster()
    {
        _masterAddress = null;
        _masterAdverInterval = _settings.AdvertisementInterval;
    }
}
