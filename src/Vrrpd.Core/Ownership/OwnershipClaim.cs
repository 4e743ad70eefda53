using Vrrpd.StateMachine;

namespace Vrrpd.Ownership;

//  One claim on one etcd key: may this host hold the addresses of an instance (or a sync group)?
//  docs/design/ownership.md §3 has the rules; in short:
//
//   - A lease is granted at Start() and kept alive every TTL/3 whatever VRRP does, so acquiring costs one round
//     trip (the compare-and-swap), not two.
//   - WantHeld() (VRRP wants Master) acquires: create the key under our lease if it does not exist. Held, with the
//     key's create revision as fencing token, only once etcd said so.
//   - Held ends at once on Release() (VRRP left Master: the key is deleted), when the key is seen deleted or
//     re-created by another holder, when etcd says the lease is gone, and at the hold deadline: the send time of
//     the last answered keepalive (or grant) + the TTL etcd returned - the safety margin, on this host's monotonic
//     clock. The lease cannot expire in etcd before that, because etcd starts its TTL when it handles the request,
//     which is after we sent it.
//   - While wanted and held by another, the key is also read every HolderPollInterval: a watch on a member cut off
//     together with the old holder would never show the deletion (docs/design/ownership.md §11).
//   - Nothing here trusts a watch event to grant anything: only the compare-and-swap result makes Held. Watch
//     events only take Held away, or trigger the next compare-and-swap sooner.
//
//  Pure: no sockets, no clock. Requests go out through IOwnershipPorts, results come back through the On… methods,
//  time and timers come from the injected TimeProvider. Every public method and timer callback runs under the gate.

/// <summary>The ownership state machine of one claim (an instance or a sync group) on one etcd key.</summary>
public sealed partial class OwnershipClaim
{
    private readonly TimeProvider _time;
    private readonly IOwnershipPorts _ports;
    private readonly object _gate;

    // The lease lane: grant, keepalive, revoke (one at a time).
    private readonly OneShotTimer _leaseTimer;      // next keepalive, or the retry of a failed grant/keepalive
    private long? _leaseId;
    private LeaseRequest _leaseInFlight;
    private long _leaseSentAt;                      // GetTimestamp() when the request in flight was sent
    private long _leaseValidUntil;                  // the lease lives in etcd at least until then (our clock)

    // The key lane: acquire, release (one at a time).
    private readonly OneShotTimer _keyTimer;        // retry of a failed request, or the recheck of another holder
    private KeyRequest _keyInFlight;
    private bool _keyMayBeOurs;                     // an acquire was sent whose effect is not known to be undone

    private readonly OneShotTimer _deadlineTimer;   // the hold deadline while Held

    // The poll lane: while wanted and another host holds the key, a read every HolderPollInterval.
    private readonly OneShotTimer _pollTimer;
    private bool _readInFlight;

    private bool _started;
    private bool _stopped;
    private bool _wanted;
    private long? _token;                           // the fencing token while Held
    private long? _lastToken;                       // the last token held, reported when it is lost
    private KeyHolder? _otherHolder;
    private KeyObservation? _lastObservation;
    private bool _reachable = true;
    private string? _lastError;

    private OwnershipState _state = OwnershipState.Released;
    private OwnershipTransition? _lastTransition;

    public OwnershipClaim(string key, string holderId, OwnershipTiming timing, TimeProvider time, IOwnershipPorts ports, object? gate = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(holderId);
        ArgumentNullException.ThrowIfNull(timing);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(ports);
        Key = key;
        HolderId = holderId;
        Timing = timing;
        _time = time;
        _ports = ports;
        _gate = gate ?? new object();
        _leaseTimer = new OneShotTimer(time, _gate, OnLeaseTimer);
        _keyTimer = new OneShotTimer(time, _gate, OnKeyTimer);
        _deadlineTimer = new OneShotTimer(time, _gate, OnHoldDeadline);
        _pollTimer = new OneShotTimer(time, _gate, OnPollTimer);
    }

    private enum LeaseRequest
    {
        None,
        Grant,
        KeepAlive,
        Revoke,
    }

    private enum KeyRequest
    {
        None,
        Acquire,
        Release,
    }

    /// <summary>The etcd key claimed (key_prefix + instance/NAME or sync_group/NAME).</summary>
    public string Key { get; }

    /// <summary>The value written to the key: who holds it, for people reading etcd.</summary>
    public string HolderId { get; }

    public OwnershipTiming Timing { get; }

    public OwnershipState State { get { lock (_gate) return _state; } }

    /// <summary>True only while Held: the instance(s) may hold their addresses.</summary>
    public bool MayHoldAddresses { get { lock (_gate) return _state == OwnershipState.Held; } }

    /// <summary>The revision of the acquisition while Held, else null.</summary>
    public long? FencingToken { get { lock (_gate) return _token; } }

    /// <summary>The lease in use, if one was granted and not known to be gone.</summary>
    public long? LeaseId { get { lock (_gate) return _leaseId; } }

    /// <summary>The other host holding the key, as last seen (null when none is known).</summary>
    public KeyHolder? OtherHolder { get { lock (_gate) return _otherHolder; } }

    /// <summary>False after a request got no answer from any endpoint, until the next answer.</summary>
    public bool EtcdReachable { get { lock (_gate) return _reachable; } }

    /// <summary>Why the last request failed, in words; null when none has.</summary>
    public string? LastError { get { lock (_gate) return _lastError; } }

    /// <summary>While Held: when the addresses will be given up unless a keepalive is answered first (wall-clock
    /// time for people; the deadline itself runs on the monotonic clock).</summary>
    public DateTimeOffset? HoldDeadline { get { lock (_gate) return _deadlineTimer.DueAt; } }

    public OwnershipTransition? LastTransition { get { lock (_gate) return _lastTransition; } }

    /// <summary>Grant the lease and follow the key. Call once.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_started)
            {
                throw new InvalidOperationException("the claim was already started");
            }

            _started = true;
            _ports.WatchKey();
            PumpLease();
        }
    }

    /// <summary>
    /// VRRP wants this host to be Master: acquire the key if it is not held. Returns whether the addresses may be
    /// held now; otherwise <see cref="IOwnershipPorts.OnTransition"/> says when they may.
    /// </summary>
    public bool WantHeld()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return false;
            }

            _wanted = true;
            PumpKey();
            Settle("wanted by VRRP");
            return _state == OwnershipState.Held;
        }
    }

    /// <summary>
    /// VRRP left Master, or will not become Master after all (demoted, fault, stop): give the key up at once, so the
    /// other host acquires it in one round trip. Call after the addresses are removed.
    /// </summary>
    public void Release()
    {
        lock (_gate)
        {
            if (!_wanted && _token is null)
            {
                return;
            }

            _wanted = false;
            DropHold();
            _keyTimer.Cancel();
            PumpKey();
            Settle("released by VRRP");
        }
    }

    /// <summary>Shutdown: revoke the lease, which deletes the key with it. Call after the addresses are removed.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _wanted = false;
            DropHold();
            _leaseTimer.Release();
            _keyTimer.Release();
            _pollTimer.Release();
            _deadlineTimer.Release();
            if (_leaseId is { } lease && _leaseInFlight == LeaseRequest.None)
            {
                SendRevoke(lease);
            }

            // A grant or keepalive still in flight: its answer revokes (OnLeaseGranted / OnKeepAliveAnswered).
            Settle("stopped");
        }
    }

    private void Settle(string reason)
    {
        PumpPoll();
        OwnershipState next = _token is not null ? OwnershipState.Held
            : _stopped ? OwnershipState.Released
            : !_reachable ? OwnershipState.Unreachable
            : !_wanted ? OwnershipState.Released
            : _otherHolder is not null ? OwnershipState.HeldByOther
            : OwnershipState.Acquiring;
        if (next == _state)
        {
            return;
        }

        var transition = new OwnershipTransition(_time.GetUtcNow(), _state, next, next == OwnershipState.Held, _token ?? _lastToken, reason);
        _state = next;
        _lastTransition = transition;
        _ports.OnTransition(transition);
    }

    /// <summary>Not Held any more: the deadline stops, the token is kept for the transition that reports it.</summary>
    private void DropHold()
    {
        if (_token is { } token)
        {
            _lastToken = token;
        }

        _token = null;
        _deadlineTimer.Cancel();
    }

    private bool LeaseUsable => _leaseId is not null && RemainingBeforeDeadline > TimeSpan.Zero;

    /// <summary>Time left until the lease's validity minus the margin (negative once passed).</summary>
    private TimeSpan RemainingBeforeDeadline =>
        TimeSpan.FromTicks((long)((Int128)(_leaseValidUntil - _time.GetTimestamp()) * TimeSpan.TicksPerSecond / _time.TimestampFrequency))
        - Timing.SafetyMargin;

    private long After(long timestamp, TimeSpan span) =>
        timestamp + (long)((Int128)span.Ticks * _time.TimestampFrequency / TimeSpan.TicksPerSecond);

    private TimeSpan Since(long timestamp) => _time.GetElapsedTime(timestamp);

    private void Failed(string reason)
    {
        _reachable = false;
        _lastError = reason;
    }

    private void Answered() => _reachable = true;
}
