using System.Net;
using Vrrpd.Protocol;

namespace Vrrpd.StateMachine;

//  One instance (one address family) of a virtual router: RFC 3768 / 5798 / 9568 §6.4, plus keepalived's Fault.
//
//                     Start(), priority 255: "startup as address owner"
//          +-----------------------------------------------------------------+
//          |                                                                 v
//   +------------+   Start(), priority < 255   +--------+   Master_Down_    +--------+
//   | Initialize |---------------------------->| Backup |------------------>| Master |
//   +------------+                             +--------+   Timer fires     +--------+
//          ^                                     |   ^  <-------------------   |
//          |                                     |   |   higher priority, or   |
//          | Stop(): "shutdown", from any        |   |   equal priority from   |
//          | state (a Master first sends         |   |   a higher address      |
//          | priority 0 and removes its VIPs)    |   |                         |
//          |                         any fault   |   | all faults cleared      | any fault condition
//          |                         condition   v   | (an owner: to Master)   | (priority 0, VIPs removed)
//          |                                   +-------+                       |
//          +-----------------------------------| Fault |<----------------------+
//                                              +-------+
//
//  Backup:  priority 0 heard -> Master_Down_Timer = Skew_Time. Priority >= local, or Preempt_Mode false, or
//           preempt_delay pending -> accept (v3: learn Master_Adver_Interval), Master_Down_Timer =
//           Master_Down_Interval. Lower priority with Preempt_Mode true -> discard; the timer keeps running.
//  Master:  Adver_Timer fires, or priority 0 heard -> advertise, reset Adver_Timer. Lower priority (or equal from a
//           lower address) heard -> advertise at once and re-announce the VIPs (RFC 9568, keepalived).
//  Fault:   adverts ignored, nothing sent. Initialize: adverts ignored. The owner (255) ignores every advert.
//
//  Pure: no sockets and no clock. Time and timers come from the injected TimeProvider, effects go out through
//  IVirtualRouterPorts, and every public method and timer callback runs under one gate (shared by a sync group).
//  Partial files: .Transitions (ChangeState, entry/exit actions), .Receive (§6.4.2/§6.4.3 advert rules),
//  .Timers (Adver_Timer, Master_Down_Timer), .Health (Fault, effective priority), .SyncGroup.

/// <summary>One instance of a virtual router: the RFC 5798 / 9568 §6.4 state machine, fed by the daemon.</summary>
public sealed partial class VirtualRouter
{
    private VirtualRouterSettings _settings;
    private readonly TimeProvider _time;
    private readonly IVirtualRouterPorts _ports;
    private readonly object _gate;

    // Adver_Timer (§6.2): fires every Advertisement_Interval while Master.
    private readonly OneShotTimer _adverTimer;

    // Master_Down_Timer (§6.2): fires when the Master is presumed gone, Master_Down_Interval (or Skew_Time after a
    // priority-0 advert) after the last accepted advert.
    private readonly OneShotTimer _masterDownTimer;

    // When this Master last sent an advert at its priority (TimeProvider timestamp): paces answers to priority 0.
    private long? _lastAdvertAt;

    private VrrpState _state = VrrpState.Initialize;
    private byte _effectivePriority;
    private IPAddress? _masterAddress;
    private TimeSpan _masterAdverInterval;   // Master_Adver_Interval (§6.1): v3 learned from adverts; v2 the own interval
    private StateTransition? _lastTransition;
    private long _transitions;

    public VirtualRouter(VirtualRouterSettings settings, TimeProvider time, IVirtualRouterPorts ports, object? gate = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(ports);
        Validate(settings);

        _settings = settings;
        _time = time;
        _ports = ports;
        _gate = gate ?? new object();
        _effectivePriority = settings.Priority;
        _requestedPriority = settings.Priority;
        _masterAdverInterval = settings.AdvertisementInterval;
        _adverTimer = new OneShotTimer(time, _gate, OnAdverTimerExpired);
        _masterDownTimer = new OneShotTimer(time, _gate, OnMasterDownTimerExpired);
    }

    public VirtualRouterSettings Settings => _settings;

    /// <summary>
    /// The interface's primary (or link-local) address changed or appeared late: tie-breaks (RFC 5798 §6.4.3) and
    /// the master address shown while Master use the new one. State and timers are untouched.
    /// </summary>
    public void SetPrimaryAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_gate)
        {
            var updated = _settings with { PrimaryAddress = address };
            Validate(updated);
            _settings = updated;
            if (_state == VrrpState.Master) _masterAddress = address;
        }
    }

    public string Name => _settings.Name;

    public VrrpState State { get { lock (_gate) return _state; } }

    /// <summary>The configured priority (255 = address owner).</summary>
    public byte BasePriority => _settings.Priority;

    /// <summary>The priority advertised and compared: base plus tracker deltas, clamped 1..254 (an owner stays 255).</summary>
    public byte EffectivePriority { get { lock (_gate) return _effectivePriority; } }

    /// <summary>The current Master as seen from here: the own primary address when Master, null when unknown.</summary>
    public IPAddress? MasterAddress { get { lock (_gate) return _masterAddress; } }

    /// <summary>Master_Adver_Interval (§6.1): v3 learned from the last accepted advert; v2 always the own interval.</summary>
    public TimeSpan MasterAdverInterval { get { lock (_gate) return _masterAdverInterval; } }

    /// <summary>Skew_Time (§6.1) for the effective priority and Master_Adver_Interval.</summary>
    public TimeSpan SkewTime { get { lock (_gate) return CurrentSkewTime; } }

    /// <summary>Master_Down_Interval (§6.1): <c>DownTimerAdverts * Master_Adver_Interval + Skew_Time</c>.</summary>
    public TimeSpan MasterDownInterval { get { lock (_gate) return CurrentMasterDownInterval; } }

    /// <summary>When Master_Down_Timer fires (Backup only), in the TimeProvider's time.</summary>
    public DateTimeOffset? MasterDownTimerDueAt { get { lock (_gate) return _masterDownTimer.DueAt; } }

    /// <summary>When Adver_Timer fires (Master only), in the TimeProvider's time.</summary>
    public DateTimeOffset? AdverTimerDueAt { get { lock (_gate) return _adverTimer.DueAt; } }

    public StateTransition? LastTransition { get { lock (_gate) return _lastTransition; } }

    /// <summary>How many state changes happened since construction.</summary>
    public long Transitions { get { lock (_gate) return _transitions; } }

    internal object Gate => _gate;

    private bool IsOwner => _settings.IsAddressOwner;

    private TimeSpan CurrentSkewTime => VrrpTimers.SkewTime(_settings.Version, _effectivePriority, _masterAdverInterval);

    private TimeSpan CurrentMasterDownInterval =>
        VrrpTimers.MasterDownInterval(_settings.Version, _effectivePriority, _masterAdverInterval, _settings.DownTimerAdverts);

    /// <summary>
    /// Startup event (§6.4.1): the owner goes Master at once, any other router to Backup with a full
    /// Master_Down_Timer; an instance with an active fault condition goes to Fault instead.
    /// </summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_state != VrrpState.Initialize) return;
            var owner = new TransitionCause(TransitionCauseKind.Startup, "startup as address owner");
            if (FaultReason() is { } fault) ChangeState(VrrpState.Fault, new TransitionCause(TransitionCauseKind.Fault, fault) { Condition = _faultConditions.Keys.FirstOrDefault() });
            else if (IsOwner && MayEnterMaster(owner)) ChangeState(VrrpState.Master, owner);
            else ChangeState(VrrpState.Backup, new TransitionCause(TransitionCauseKind.Startup, "startup"));
        }
    }

    /// <summary>
    /// Shutdown event (§6.4.2, §6.4.3): a Master cancels Adver_Timer, sends priority 0 and removes its virtual
    /// addresses; every timer is released.
    /// </summary>
    public void Stop()
    {
        lock (_gate)
        {
            ChangeState(VrrpState.Initialize, new TransitionCause(TransitionCauseKind.Shutdown, "shutdown"));
            _adverTimer.Release();
            _masterDownTimer.Release();
        }
    }

    private static void Validate(VirtualRouterSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfZero(settings.VirtualRouterId, nameof(settings.VirtualRouterId));
        ArgumentOutOfRangeException.ThrowIfZero(settings.Priority, nameof(settings.Priority));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.AdvertisementInterval, TimeSpan.Zero, nameof(settings.AdvertisementInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.PreemptDelay, TimeSpan.Zero, nameof(settings.PreemptDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.DownTimerAdverts, 1, nameof(settings.DownTimerAdverts));
        ArgumentNullException.ThrowIfNull(settings.PrimaryAddress, nameof(settings.PrimaryAddress));
        if (settings.Version == VrrpVersion.V2 && settings.PrimaryAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            throw new ArgumentException("VRRPv2 (RFC 3768) is IPv4 only", nameof(settings));
    }
}
