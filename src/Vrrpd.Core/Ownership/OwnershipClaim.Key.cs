namespace Vrrpd.Ownership;

// The key lane: acquire (compare-and-swap) while wanted and not held, release while not wanted and the key may be
// ours. Held comes only from an acquire's answer; watch observations only take it away or hurry the next acquire
// (docs/design/ownership.md §3).
public sealed partial class OwnershipClaim
{
    /// <summary>The key is ours: created by this acquire, or already under our lease. The token is its create
    /// revision.</summary>
    public void OnAcquired(long fencingToken)
    {
        lock (_gate)
        {
            if (_keyInFlight != KeyRequest.Acquire)
            {
                return;
            }

            _keyInFlight = KeyRequest.None;
            Answered();
            TakeAcquired(fencingToken);
        }
    }

    /// <summary>Another lease holds the key.</summary>
    public void OnHeldByOther(KeyHolder holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        lock (_gate)
        {
            if (_keyInFlight != KeyRequest.Acquire)
            {
                return;
            }

            _keyInFlight = KeyRequest.None;
            Answered();
            if (_leaseId is { } lease && holder.LeaseId == lease)
            {
                TakeAcquired(holder.CreateRevision);
                return;
            }

            // etcd answered with the key under another lease: our compare-and-swap did not create it.
            _keyMayBeOurs = false;
            _otherHolder = holder;
            if (_wanted && !_stopped)
            {
                _keyTimer.Arm(Timing.RecheckInterval);
            }
            else
            {
                PumpKey();
            }

            Settle($"held by {holder.Holder} (fencing token {holder.CreateRevision})");
        }
    }

    /// <summary>The key is no longer under our lease (deleted by the release, or it was not ours).</summary>
    public void OnReleased()
    {
        lock (_gate)
        {
            if (_keyInFlight != KeyRequest.Release)
            {
                return;
            }

            _keyInFlight = KeyRequest.None;
            Answered();
            _keyMayBeOurs = false;
            PumpKey();
            Settle("released in etcd");
        }
    }

    /// <summary>An acquire or release got no answer from any endpoint in time: its effect is unknown.</summary>
    public void OnKeyRequestFailed(string reason)
    {
        lock (_gate)
        {
            KeyRequest failed = _keyInFlight;
            if (failed == KeyRequest.None)
            {
                return;
            }

            _keyInFlight = KeyRequest.None;
            Failed(reason);
            if (!_stopped)
            {
                _keyTimer.Arm(Timing.RetryDelay);
            }

            Settle($"etcd did not answer the {(failed == KeyRequest.Acquire ? "acquire" : "release")}: {reason}");
        }
    }

    /// <summary>The key as etcd had it at a revision (watch event, or a read after (re)connecting). Older
    /// observations than one already seen are ignored.</summary>
    public void OnKeyObserved(KeyObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        lock (_gate)
        {
            Observe(observation);
        }
    }

    private void Observe(KeyObservation observation)
    {
        if (_stopped || (_lastObservation is { } last && observation.Revision < last.Revision))
        {
            return;
        }

        _lastObservation = observation;
        KeyHolder? holder = observation.Holder;
        bool ours = holder is not null && _leaseId is { } lease && holder.LeaseId == lease;
        if (_token is { } token)
        {
            if (observation.Revision >= token && holder?.CreateRevision != token)
            {
                DropHold();
                _otherHolder = ours ? null : holder;
                PumpKey();
                Settle(holder is null
                    ? $"key deleted at revision {observation.Revision}"
                    : $"key taken by {holder.Holder} (fencing token {holder.CreateRevision})");
            }

            return;
        }

        if (ours)
        {
            _keyMayBeOurs = true;
            _otherHolder = null;
        }
        else
        {
            _otherHolder = holder;
            if (holder is null && _keyInFlight == KeyRequest.None)
            {
                // Free: try now rather than at the next recheck.
                _keyTimer.Cancel();
            }
        }

        PumpKey();
        Settle(holder is null ? $"key free at revision {observation.Revision}" : $"key held by {holder.Holder}");
    }

    private void TakeAcquired(long token)
    {
        _keyMayBeOurs = true;
        _otherHolder = null;
        if (_stopped)
        {
            return;
        }

        if (!_wanted)
        {
            // VRRP left Master while the acquire was in flight: give it back at once.
            PumpKey();
            Settle("acquired after VRRP stopped wanting it; releasing");
            return;
        }

        if (_lastObservation is { } seen && seen.Revision > token && seen.Holder?.CreateRevision != token)
        {
            // A watch already showed this key deleted or replaced after the acquisition: the answer is stale.
            _otherHolder = seen.Holder is { } other && other.LeaseId != _leaseId ? other : null;
            _keyTimer.Arm(Timing.RetryDelay);
            Settle($"acquired key was already gone at revision {seen.Revision}");
            return;
        }

        if (!LeaseUsable)
        {
            // The lease may expire before we could act on the key: not held; the next answered keepalive re-acquires.
            Settle("acquired, but the lease is past its hold deadline");
            return;
        }

        _token = token;
        _lastToken = token;
        _deadlineTimer.Arm(RemainingBeforeDeadline);
        Settle($"acquired (fencing token {token})");
    }

    private void OnKeyTimer() => PumpKey();

    private void PumpKey()
    {
        if (!_started || _stopped || _keyInFlight != KeyRequest.None || _keyTimer.IsArmed)
        {
            return;
        }

        if (!_wanted)
        {
            if (_keyMayBeOurs && _leaseId is { } lease)
            {
                _keyInFlight = KeyRequest.Release;
                _ports.Release(lease);
            }

            return;
        }

        if (_token is null && LeaseUsable)
        {
            _keyInFlight = KeyRequest.Acquire;
            _keyMayBeOurs = true;
            _ports.Acquire(_leaseId!.Value);
        }
    }
}
