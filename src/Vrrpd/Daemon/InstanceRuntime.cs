using System.Net;
using System.Net.Sockets;
using Vrrpd.Configuration;
using Vrrpd.Logging;
using Vrrpd.Protocol;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

/// <summary>
/// One configured vrrp_instance at run time: the pure <see cref="VirtualRouter"/> plus the Linux edge it acts
/// through (the ports), its receive policy and counters. The state machine decides; this class only carries out.
/// </summary>
internal sealed partial class InstanceRuntime : IDisposable
{
    private readonly DaemonContext _context;
    private readonly Log _log;
    private readonly AnnouncementScheduler _announcements;   // used on the effects worker and its own timers
    private readonly VirtualAddressSet _addresses;            // used on the effects worker only
    private readonly ReceiveLogLimiter _dropLog;
    private InterfaceReceiver? _receiver;
    private VirtualRouter? _router;
    private int _interfaceIndex;
    private IPAddress? _sourceAddress;
    private (VrrpInstanceConfig Config, IPAddress[] Addresses)? _destinations;   // the advert's destinations, per configuration
    private (VrrpInstanceConfig Config, AdvertisementPacket Packet)? _advert;      // the last advert built, resent while unchanged

    public InstanceRuntime(VrrpInstanceConfig config, DaemonContext context)
    {
        Config = config;
        _context = context;
        _log = context.Log.For($"{config.Name}[{config.VirtualRouterId}]");
        _dropLog = new ReceiveLogLimiter(context.Time, TimeSpan.FromSeconds(10));
        _addresses = new VirtualAddressSet(context, _log);
        _announcements = new AnnouncementScheduler(config.Garp, context.Time, AnnounceOnce, () => _isMaster,
            staleAfter: 3 * config.AdvertisementInterval, repairSpacing: config.AdvertisementInterval);
    }

    /// <summary>The vrrp_ownership claim that gates this instance's Master state, if any (docs/design/ownership.md §8).
    /// Set before <see cref="Start"/>.</summary>
    public Ownership.OwnershipGate? Ownership { get; set; }

    /// <summary>The instance's configuration; replaced in place only by a reload that changed its addresses.</summary>
    public VrrpInstanceConfig Config { get; private set; }

    public InstanceCounters Counters { get; } = new();

    public VrrpState State => _router?.State ?? (_faultWhileUnbound is null ? VrrpState.Initialize : VrrpState.Fault);

    public VirtualRouter? Router => _router;

    public bool Multicast => Config.UnicastPeers.Count == 0;

    /// <summary>Set while the instance's interface is missing, so status shows Fault with the reason.</summary>
    private string? _faultWhileUnbound;

    public IReadOnlyList<string> FaultReasons => _router is null
        ? (_faultWhileUnbound is null ? [] : [_faultWhileUnbound])
        : _faults.Values.ToArray();

    /// <summary>
    /// Binds to the interface and starts the state machine (RFC 5798 §6.4.1 Startup). An interface that is
    /// missing leaves the instance in Fault until <see cref="OnInterfaceAppeared"/>.
    /// </summary>
    public void Start(InterfaceReceiver? receiver)
    {
        if (receiver is null)
        {
            _faultWhileUnbound = $"interface {Config.Interface} does not exist";
            _log.Warning($"{_faultWhileUnbound}; in Fault until it appears");
            return;
        }
        Bind(receiver);
    }

    /// <summary>True while the instance has a socket on a live interface.</summary>
    public bool IsBound => _receiver is not null;

    /// <summary>
    /// The interface exists (again). The first time, the state machine is built and started; after the interface
    /// was deleted and re-created, the same state machine (sync groups hold it) gets the new socket and ifindex.
    /// </summary>
    public void OnInterfaceAppeared(InterfaceReceiver receiver)
    {
        if (_router is null)
        {
            _faultWhileUnbound = null;
            _log.Info($"interface {Config.Interface} appeared");
            Bind(receiver);
            return;
        }
        _receiver = receiver;
        _interfaceIndex = receiver.InterfaceIndex;
        receiver.Register(this);
        RefreshSourceAddress(SafeList());
        _log.Info($"interface {Config.Interface} is back (ifindex {_interfaceIndex})");
    }

    /// <summary>The interface was deleted; the link-down fault that comes with it keeps the instance in Fault.</summary>
    public void OnInterfaceRemoved()
    {
        _receiver?.Unregister(this);
        _receiver = null;
        _interfaceIndex = 0;
    }

    private void Bind(InterfaceReceiver receiver)
    {
        _receiver = receiver;
        _interfaceIndex = receiver.InterfaceIndex;
        _sourceAddress = ResolveSourceAddress(SafeList());
        var settings = new VirtualRouterSettings(
            Config.Name,
            Config.VirtualRouterId,
            Config.Version,
            Config.Priority,
            Config.AdvertisementInterval,
            Config.Preempt,
            Config.PreemptDelay,
            _sourceAddress ?? (Config.Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any),
            Config.DownTimerAdverts);
        // The router's timers fire on the event loop, the only thread that ever calls it.
        _router = new VirtualRouter(settings, _context.Loop, new Ports(this), _context.RouterGate) { Permit = Ownership };
        receiver.Register(this);
        RemoveStaleVirtualAddresses();
        foreach (var (key, reason) in InitialFaults()) SetFault(key, true, reason);
        if (_sourceAddress is null) SetFault(SourceFaultKey, true, NoSourceReason);
        _router.Start();
    }

    /// <summary>Graceful stop: a Master sends priority 0 and removes its addresses (RFC 5798 §6.4.3 Shutdown).</summary>
    public void Stop()
    {
        _router?.Stop();
        _context.Effects.Enqueue(_announcements.Cancel);
    }

    public void Dispose()
    {
        _sendRetry?.Dispose();
        _context.Effects.Enqueue(_announcements.Dispose);
        _receiver?.Unregister(this);
    }
}
