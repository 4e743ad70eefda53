namespace Vrrpd.Ownership;

// The poll lane: while VRRP wants Master and another host holds the key, read the key every HolderPollInterval.
// The watch alone can miss the deletion for as long as the member it sits on stays cut off (a holder that went
// silent together with its etcd member is the common case), and the compare-and-swap recheck comes only every
// TTL/3; a read through the client's failover reaches a member that can answer (docs/design/ownership.md §11).
// A read never grants anything: a free key only starts the compare-and-swap sooner.
public sealed partial class OwnershipClaim
{
    /// <summary>The answer to <see cref="IOwnershipPorts.ReadKey"/>: the key as the cluster has it now.</summary>
    public void OnKeyRead(KeyObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        lock (_gate)
        {
            if (!_readInFlight)
            {
                return;
            }

            _readInFlight = false;
            Answered();
            Observe(observation);
            PumpPoll();
        }
    }

    /// <summary>No endpoint answered the read in time.</summary>
    public void OnKeyReadFailed(string reason)
    {
        lock (_gate)
        {
            if (!_readInFlight)
            {
                return;
            }

            _readInFlight = false;
            Failed(reason);
            Settle($"etcd did not answer the read: {reason}");
        }
    }

    private bool PollWanted => _started && !_stopped && _wanted && _token is null && _otherHolder is not null;

    private void OnPollTimer()
    {
        if (!PollWanted || _readInFlight)
        {
            return;
        }

        _readInFlight = true;
        _ports.ReadKey();
    }

    /// <summary>Arms the next read when one is wanted and none is pending.</summary>
    private void PumpPoll()
    {
        if (PollWanted && !_readInFlight && !_pollTimer.IsArmed)
        {
            _pollTimer.Arm(Timing.HolderPollInterval);
        }
    }
}
