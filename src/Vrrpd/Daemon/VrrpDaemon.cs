using System.Net.Sockets;
using Vrrpd.Configuration;
using Vrrpd.Daemon.Tracking;
using Vrrpd.Linux;
using Vrrpd.Linux.Netlink;
using Vrrpd.Logging;
using Vrrpd.Status;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

/// <summary>
/// Wires a loaded configuration to the Linux edge and runs it until asked to stop: receivers per interface,
/// one runtime per instance, netlink link/address watching, periodic VIP reconciliation and the control socket.
/// The decisions live in Vrrpd.Core; this class only composes.
/// </summary>
internal sealed partial class VrrpDaemon : IDisposable
{
    private static readonly TimeSpan ReconcilePeriod = TimeSpan.FromSeconds(1);

    private VrrpdConfiguration _config;   // replaced by a reload
    private readonly Log _log;
    private readonly DaemonContext _context;
    private readonly List<InstanceRuntime> _instances = new();
    private readonly Dictionary<(string Interface, AddressFamily Family), InterfaceReceiver> _receivers = new();
    // Binding instances to interfaces happens at start and on netlink link events (another thread): one at a time.
    private readonly Lock _bindGate = new();
    private readonly List<SyncGroup> _syncGroups = new();
    private readonly IProbeFactory _probes;
    private TrackerSet? _trackers;
    private NetlinkMonitor? _monitor;
    private ITimer? _reconcileTimer;
    private bool _stopping;   // set by Stop under the state lock; a reload then refuses

    public VrrpDaemon(VrrpdConfiguration config, Log log, TimeProvider time, IProbeFactory? probes = null,
        TimeProvider? stateMachineTime = null, VrrpScheduling? scheduling = null)
    {
        _config = config;
        _log = log;
        _context = new DaemonContext(config.Global, time, log, new NetlinkAddressTable(), stateMachineTime, scheduling);
        _probes = probes ?? ProbeFactory.CreateDefault(config.Global, log);
        _context.IsVirtualAddress = address => CurrentInstances().Any(i => i.HasVirtualAddress(address));
    }

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Opens sockets and starts every instance. Throws on a failure that leaves nothing to run (no
    /// raw socket permission); an interface that is missing only puts its instances in Fault.</summary>
    public void Start()
    {
        StartedAt = _context.Time.GetUtcNow();
        foreach (var fifo in _context.Fifos) fifo.Start();
        foreach (var config in _config.Instances) _instances.Add(new InstanceRuntime(config, _context));
        StartTrackers();

        _monitor = new NetlinkMonitor();
        _monitor.LinkChanged += OnLinkChanged;
        _monitor.AddressChanged += OnAddressChanged;
        _monitor.Start();

        lock (_bindGate)
        {
            foreach (var instance in _instances)
            {
                Observe(instance);
                instance.Start(ReceiverFor(instance));
            }
            StartSyncGroups(_config.SyncGroups);
            foreach (var receiver in _receivers.Values) receiver.Start();
        }

        _reconcileTimer = _context.Time.CreateTimer(_ => ReconcileAll(), null, ReconcilePeriod, ReconcilePeriod);
        _log.Info($"started {_instances.Count} instance(s)");
    }

    /// <summary>Raised after any instance's transition (under the daemon's lock).</summary>
    public event Action? Transitioned;

    /// <summary>True when the state machine's lock can be taken within <paramref name="wait"/>: the daemon is
    /// not stuck (what the systemd watchdog asks).</summary>
    public bool IsResponsive(TimeSpan wait)
    {
        if (!Monitor.TryEnter(_context.Gate, wait)) return false;
        Monitor.Exit(_context.Gate);
        return true;
    }

    /// <summary>One runner per tracked tracker, shared by the instances naming it; started before the instances
    /// so that results known at once (track_file) are in place when they start.</summary>
    private void StartTrackers()
    {
        _trackers = new TrackerSet(_config, _probes, _context.Time, _log.For("track"));
        _trackers.Changed += key =>
        {
            foreach (var instance in CurrentInstances()) instance.OnTrackerChanged(key.Kind, key.Name);
        };
        _trackers.StateChanged += RecordTrackerChange;
        foreach (var instance in _instances) instance.AttachTrackers(_trackers);
        _trackers.Start();
    }

    private void StartSyncGroups(IEnumerable<SyncGroupConfig> groups)
    {
        foreach (var group in groups)
        {
            var members = group.Members
                .Select(name => _instances.First(i => i.Config.Name == name).Router)
                .OfType<VirtualRouter>()
                .ToArray();
            if (members.Length > 1) _syncGroups.Add(new SyncGroup(group.Name, members));
        }
    }

    /// <summary>The receiver for the instance's interface and family, opened on first use; null while the
    /// interface does not exist.</summary>
    private InterfaceReceiver? ReceiverFor(InstanceRuntime instance)
    {
        var key = (instance.Config.Interface, instance.Config.Family);
        if (_receivers.TryGetValue(key, out var existing)) return existing;
        var link = NetlinkLinks.Find(instance.Config.Interface);
        if (link is null) return null;
        var joinMulticast = CurrentInstances().Any(i => i.Config.Interface == key.Interface && i.Config.Family == key.Family && i.Multicast);
        var receiver = new InterfaceReceiver(key.Interface, link.Value.Index, key.Family, joinMulticast, _log, _context.Time, _context.UnclaimedDrops,
            _context.Scheduling.ApplyToVrrpThread);
        _receivers[key] = receiver;
        return receiver;
    }

    private void OnLinkChanged(LinkChange change)
    {
        var link = change.Link;
        try
        {
            using var _ = _bindGate.EnterScope();
            _context.Links.Invalidate();
            if (change.Removed) DropReceivers(link.Name);
            foreach (var instance in CurrentInstances())
            {
                if (!instance.IsBound && instance.Config.Interface == link.Name && !change.Removed)
                {
                    var receiver = ReceiverFor(instance);
                    if (receiver is null) continue;
                    receiver.Start();
                    instance.OnInterfaceAppeared(receiver);
                }
                instance.OnLinkChanged(link.Name, link.IsUp && !change.Removed);
            }
            _context.Announcers.OnLinkChanged(link, change.Removed);
        }
        catch (Exception e) when (e is SocketException or NetlinkException or NativeCallException)
        {
            _log.Error($"handling a change of link {link.Name} failed: {e.Message}");
        }
    }

    /// <summary>
    /// An interface was deleted: its sockets are bound to an ifindex that no longer exists (sends fail with
    /// ENODEV even after a link of the same name returns), so they are closed, and the instances on it wait,
    /// in Fault, for the link to come back and be bound afresh.
    /// </summary>
    private void DropReceivers(string interfaceName)
    {
        foreach (var key in _receivers.Keys.Where(k => k.Interface == interfaceName).ToArray())
        {
            foreach (var instance in CurrentInstances().Where(i => i.Config.Interface == interfaceName && i.Config.Family == key.Family))
                instance.OnInterfaceRemoved();
            _receivers.Remove(key, out var receiver);
            receiver?.Dispose();
            _log.Info($"interface {interfaceName} was deleted; waiting for it to return");
        }
    }

    /// <summary>
    /// Any address change may take a source address away (a Master that cannot advertise must resign before a
    /// peer takes over) or bring one; a removal may also be a VIP deleted under a Master. The source comes first:
    /// a Master that lost its primary address leaves Master instead of putting its VIP back.
    /// </summary>
    private void OnAddressChanged(AddressChange change)
    {
        var instances = CurrentInstances();
        // Our own VIPs coming and going (every Master transition) change no source address.
        if (!change.Removed && instances.Any(i => i.HasVirtualAddress(change.Address.Address))) return;
        var present = AddressSnapshot();
        foreach (var instance in instances)
        {
            instance.RefreshSourceAddress(present.Value);
            if (change.Removed) instance.Reconcile(present);
        }
    }

    /// <summary>The instances now, for loops on netlink, timer and tracker threads: a reload changes the list
    /// under the state lock, so they iterate a copy taken under it.</summary>
    private InstanceRuntime[] CurrentInstances()
    {
        lock (_context.Gate) return [.. _instances];
    }

    private void ReconcileAll()
    {
        var present = AddressSnapshot();
        foreach (var instance in CurrentInstances())
        {
            // The backstop for a missed netlink event: a Master whose source address is gone resigns rather than
            // put its VIPs back (a Backup finds out when it would send).
            if (instance.State == StateMachine.VrrpState.Master) instance.RefreshSourceAddress(present.Value);
            instance.Reconcile(present);
        }
    }

    /// <summary>One address dump for a whole reconciliation round, taken on first use; null when the dump failed
    /// (nothing is known then: no VIP is "missing", no source address "gone").</summary>
    private Lazy<IReadOnlyList<InterfaceAddress>?> AddressSnapshot() => new(() =>
    {
        try
        {
            return _context.Addresses.List();
        }
        catch (NetlinkException e)
        {
            _log.Error($"listing addresses failed: {e.Message}");
            return null;
        }
    });

    /// <summary>Graceful stop: every Master sends priority 0 and removes its VIPs (RFC 5798 §6.4.3).</summary>
    public void Stop()
    {
        _reconcileTimer?.Dispose();
        _trackers?.Dispose();
        lock (_context.Gate)
        {
            _stopping = true;
            foreach (var instance in _instances) instance.Stop();
        }
        _log.Info("stopped");
    }

    public void Dispose()
    {
        _reconcileTimer?.Dispose();
        _monitor?.Dispose();
        _trackers?.Dispose();
        foreach (var instance in _instances) instance.Dispose();
        foreach (var receiver in _receivers.Values) receiver.Dispose();
        _context.Dispose();
    }
}
