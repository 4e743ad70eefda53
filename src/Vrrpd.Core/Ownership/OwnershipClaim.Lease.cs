namespace Vrrpd.Ownership;

// The lease lane: one lease per claim, granted at start and kept alive every TTL/3 from the send time of the last
// answered request; a failed request is retried after RetryDelay (the edge moves to the next endpoint). The lease's
// validity is counted from when a request was sent, never from when its answer came (docs/design/ownership.md §4).
public sealed partial class OwnershipClaim
{
    /// <summary>The lease was granted with this TTL (etcd may raise the asked TTL to its minimum).</summary>
    public void OnLeaseGranted(long leaseId, TimeSpan ttl)
    {
        lock (_gate)
        {
            if (_leaseInFlight != LeaseRequest.Grant)
            {
                return;
            }

            _leaseInFlight = LeaseRequest.None;
            Answered();
            if (_stopped)
            {
                SendRevoke(leaseId);
                return;
            }

            _leaseId = leaseId;
            _leaseValidUntil = After(_leaseSentAt, ttl);
            ArmNextKeepAlive();
            PumpKey();
            Settle($"lease {leaseId:x} granted for {ttl.TotalSeconds:0} s");
        }
    }

    /// <summary>A keepalive was answered: the lease has <paramref name="ttl"/> left from when it was sent; zero or
    /// less means etcd no longer has the lease (it expired, and the key went with it).</summary>
    public void OnKeepAliveAnswered(TimeSpan ttl)
    {
        lock (_gate)
        {
            if (_leaseInFlight != LeaseRequest.KeepAlive)
            {
                return;
            }

            _leaseInFlight = LeaseRequest.None;
            Answered();
            if (_stopped)
            {
                if (_leaseId is { } lease && ttl > TimeSpan.Zero)
                {
                    SendRevoke(lease);
                }

                return;
            }

            if (ttl <= TimeSpan.Zero)
            {
                string reason = $"lease {_leaseId:x} expired in etcd";
                _leaseId = null;
                _keyMayBeOurs = false;   // the key was deleted with the lease
                DropHold();
                SendGrant();
                Settle(reason);
                return;
            }

            _leaseValidUntil = After(_leaseSentAt, ttl);
            if (_token is not null)
            {
                _deadlineTimer.Arm(RemainingBeforeDeadline);
            }

            ArmNextKeepAlive();
            PumpKey();
            Settle("keepalive answered");
        }
    }

    /// <summary>A grant or keepalive got no answer from any endpoint in time.</summary>
    public void OnLeaseRequestFailed(string reason)
    {
        lock (_gate)
        {
            LeaseRequest failed = _leaseInFlight;
            if (failed is LeaseRequest.None or LeaseRequest.Revoke)
            {
                _leaseInFlight = failed == LeaseRequest.Revoke ? LeaseRequest.None : failed;
                return;
            }

            _leaseInFlight = LeaseRequest.None;
            Failed(reason);
            if (_stopped)
            {
                // A keepalive failed after Stop(): try the revoke once; the lease expires by itself otherwise.
                if (_leaseId is { } lease && failed == LeaseRequest.KeepAlive)
                {
                    SendRevoke(lease);
                }

                return;
            }

            _leaseTimer.Arm(Timing.RetryDelay);
            Settle($"etcd did not answer the lease {(failed == LeaseRequest.Grant ? "grant" : "keepalive")}: {reason}");
        }
    }

    /// <summary>The revoke sent by <see cref="Stop"/> ended (answered or not).</summary>
    public void OnLeaseRevoked()
    {
        lock (_gate)
        {
            if (_leaseInFlight == LeaseRequest.Revoke)
            {
                _leaseInFlight = LeaseRequest.None;
                _leaseId = null;
            }
        }
    }

    /// <summary>The hold deadline passed without an answered keepalive: give the addresses up now, before the lease
    /// can expire in etcd and another host acquire the key. The lease is kept: a later answer may show it alive.</summary>
    private void OnHoldDeadline()
    {
        if (_token is null)
        {
            return;
        }

        DropHold();
        Settle($"lease not renewed in time (last error: {_lastError ?? "none"})");
    }

    private void OnLeaseTimer()
    {
        if (_stopped || _leaseInFlight != LeaseRequest.None)
        {
            return;
        }

        if (_leaseId is { } lease)
        {
            SendKeepAlive(lease);
        }
        else
        {
            SendGrant();
        }
    }

    private void PumpLease()
    {
        if (_started && !_stopped && _leaseInFlight == LeaseRequest.None && !_leaseTimer.IsArmed && _leaseId is null)
        {
            SendGrant();
        }
    }

    private void ArmNextKeepAlive() => _leaseTimer.Arm(Timing.KeepAliveInterval, Since(_leaseSentAt));

    private void SendGrant()
    {
        _leaseTimer.Cancel();
        _leaseInFlight = LeaseRequest.Grant;
        _leaseSentAt = _time.GetTimestamp();
        _ports.GrantLease(Timing.LeaseTtl);
    }

    private void SendKeepAlive(long lease)
    {
        _leaseInFlight = LeaseRequest.KeepAlive;
        _leaseSentAt = _time.GetTimestamp();
        _ports.KeepAlive(lease);
    }

    private void SendRevoke(long lease)
    {
        _leaseInFlight = LeaseRequest.Revoke;
        _ports.RevokeLease(lease);
    }
}
