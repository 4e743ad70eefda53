using System.Net.Sockets;
using Vrrpd.Configuration;
using Vrrpd.Daemon.Ownership;
using Vrrpd.Daemon.Tracking;
using Vrrpd.Linux;
using Vrrpd.Linux.Netlink;
using Vrrpd.Linux.Timing;
using Vrrpd.Logging;
using Vrrpd.Status;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

/// <summary>
/// Wires a loaded configuration to the Linux edge and runs it until asked to stop: receivers per interface,
/// one runtime per instance, netlink link/address watching, periodic VIP reconciliation and the control socket.
/// Every state machine is owned by the event loop: other threads (netlink, trackers, control, signals) post to it,
/// and what may block goes to the effects worker (docs/design/event-loop.md). The decisions live in Vrrpd.Core.
/// </summary>
internal sealed partial class VrrpDaemon : IDisposable
{
    private static readonly TimeSpan ReconcilePeriod = TimeSpan.FromSeconds(1);

    /// <summary>How long a caller off the loop (control socket, metrics, watchdog, reload) waits for it.</summary>
    private static readonly TimeSpan LoopAnswerTimeout = TimeSpan.FromSeconds(10);

    // All of these belong to the event loop's thread.
    private VrrpdConfiguration _config;   // replaced by a reload
    private readonly List<InstanceRuntime> _instances = new();
    private readonly Dictionary<(string Interface, AddressFamily Family), InterfaceReceiver> _receivers = new();
    private readonly List<SyncGroup> _syncGroups = new();
    private readonly List<OwnershipGate> _ownership = new();   // one per vrrp_ownership claim, fixed until restart
    private ITimer? _reconcileTimer;
    private bool _stopping;   // set by Stop; a reload then refuses

    private readonly Log _log;
    private readonly DaemonContext _context;
    private readonly EventLoop _loop;
    private readonly IProbeFactory _probes;
    private TrackerSet? _trackers;
    private NetlinkMonitor? _monitor;

    public VrrpDaemon(VrrpdConfiguration config, Log log, TimeProvider time, EventLoop loop, IProbeFactory? probes = null)
    {
        _config = config;
        _log = log;
        _loop = loop;
        var effects = new OrderedWorker("vrrp-effects");
        _context = new DaemonContext(config.Global, time, log, new NetlinkAddressTable(), loop, effects);
        _probes = probes ?? ProbeFactory.CreateDefault(config.Global, log);
        _context.IsVirtualAddress = address => _instances.Any(i => i.HasVirtualAddress(address));
        // The daemon never dies on one event: what a handler threw is logged and the next event runs.
        loop.UnhandledException = e => _log.Error($"event loop: unexpected {e.GetType().Name}: {e}");
        effects.UnhandledException = e => _log.Error($"effects: unexpected {e.GetType().Name}: {e}");
    }

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>The worker for effects the caller wants ordered after the loop's (systemd's STATUS).</summary>
    public OrderedWorker Effects => _context.Effects;

    /// <summary>Opens sockets and starts every instance, on the loop. Throws on a failure that leaves nothing to
    /// run (no raw socket permission); an interface that is missing only puts its instances in Fault.</summary>
    public void Start()
    {
        StartedAt = _context.Time.GetUtcNow();
        foreach (var fifo in _context.Fifos) fifo.Start();

        // Watching first: a change during start-up is posted, and handled once the instances below exist.
        _monitor = new NetlinkMonitor();
        _monitor.LinkChanged += OnLinkChanged;
        _monitor.AddressChanged += OnAddressChanged;
        _monitor.Start();

        _loop.Invoke(() =>
        {
            foreach (var config in _config.Instances) _instances.Add(new InstanceRuntime(config, _context));
            StartOwnership();
            StartTrackers();
            foreach (var instance in _instances)
            {
                Observe(instance);
                instance.Start(ReceiverFor(instance));
            }
            StartSyncGroups(_config.SyncGroups);
            foreach (var receiver in _receivers.Values) receiver.Start();
            _reconcileTimer = _loop.CreateTimer(_ => StartAddressRound(reconcile: true, mastersOnly: true), null, ReconcilePeriod, ReconcilePeriod);
            PublishRoles();
        }, LoopAnswerTimeout);
        _log.Info($"started {_instances.Count} instance(s)");
    }

    /// <summary>Raised on the loop after any instance's transition.</summary>
    public event Action? Transitioned;

    /// <summary>True when the event loop answers within <paramref name="wait"/>: the daemon is not stuck (what the
    /// systemd watchdog asks).</summary>
    public bool IsResponsive(TimeSpan wait)
    {
        try
        {
            return _loop.Invoke(() => true, wait);
        }
        catch (Exception e) when (e is TimeoutException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>One etcd claim per vrrp_ownership use; each gates its instances before they start, and its lease is
    /// granted at once, so that acquiring later costs one round trip (docs/design/ownership.md §3).</summary>
    private void StartOwnership()
    {
        foreach (var claim in _config.OwnershipClaims)
        {
            var gate = new OwnershipGate(claim, _context, _log);
            gate.Transitioned += RecordOwnershipChange;
            foreach (var instance in _instances.Where(i => claim.Instances.Contains(i.Config.Name))) gate.Gate(instance);
            _ownership.Add(gate);
            gate.Start();
        }
    }

    /// <summary>One runner per tracked tracker, shared by the instances naming it; started before the instances
    /// so that results known at once (track_file) are in place when they start. Their threads post to the loop.</summary>
    private void StartTrackers()
    {
        _trackers = new TrackerSet(_config, _probes, _context.Time, _log.For("track"));
        _trackers.Changed += key => _loop.Post(() =>
        {
            foreach (var instance in _instances) instance.OnTrackerChanged(key.Kind, key.Name);
        });
        _trackers.StateChanged += change => _loop.Post(() => RecordTrackerChange(change));
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
        var joinMulticast = _instances.Any(i => i.Config.Interface == key.Interface && i.Config.Family == key.Family && i.Multicast);
        var receiver = new InterfaceReceiver(key.Interface, link.Value.Index, key.Family, joinMulticast, _log, _loop, _context.UnclaimedDrops);
        _receivers[key] = receiver;
        return receiver;
    }

    /// <summary>On the netlink monitor's thread: the link table is refreshed there, the decision is the loop's.</summary>
    private void OnLinkChanged(LinkChange change)
    {
        _context.Links.Invalidate();
        _loop.Post(() => HandleLinkChange(change));
    }

    private void HandleLinkChange(LinkChange change)
    {
        var link = change.Link;
        try
        {
            if (change.Removed) DropReceivers(link.Name);
            foreach (var instance in _instances)
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
            _context.Effects.Enqueue(() => _context.Announcers.OnLinkChanged(link, change.Removed));
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
            foreach (var instance in _instances.Where(i => i.Config.Interface == interfaceName && i.Config.Family == key.Family))
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
    private void OnAddressChanged(AddressChange change) => _loop.Post(() =>
    {
        // Our own VIPs coming and going (every Master transition) change no source address.
        if (!change.Removed && _instances.Any(i => i.HasVirtualAddress(change.Address.Address))) return;
        StartAddressRound(reconcile: change.Removed, mastersOnly: false);
    });

    /// <summary>
    /// One round of address work: the loop decides each instance's part now; the effects worker takes one address
    /// dump (after every add and remove queued before it), carries the parts out with it, and hands the dump back to
    /// the loop to choose source addresses again. No netlink round trip runs on the loop.
    /// </summary>
    /// <param name="mastersOnly">Only Masters choose their source again (the periodic backstop for a missed
    /// event: a Master whose source address is gone resigns; a Backup finds out when it would send).</param>
    private void StartAddressRound(bool reconcile, bool mastersOnly)
    {
        var parts = reconcile ? _instances.Select(i => i.ReconcileWork()).ToArray() : [];
        _context.Effects.Enqueue(() =>
        {
            var dump = _context.TryListAddresses();
            foreach (var part in parts) part(dump);
            _loop.Post(() =>
            {
                foreach (var instance in _instances)
                {
                    if (!mastersOnly || instance.State == VrrpState.Master) instance.RefreshSourceAddress(dump);
                }
            });
        });
    }

    /// <summary>Graceful stop: every Master sends priority 0 and removes its VIPs (RFC 5798 §6.4.3); returns once
    /// the removals are done (or after a bound), so the process does not exit with a VIP still configured.</summary>
    public void Stop()
    {
        _trackers?.Dispose();
        try
        {
            _loop.Invoke(() =>
            {
                _reconcileTimer?.Dispose();
                _stopping = true;
                foreach (var instance in _instances) instance.Stop();
            }, LoopAnswerTimeout);
        }
        catch (TimeoutException e)
        {
            _log.Error($"stop: {e.Message}; exiting without a priority-0 advert");
        }
        if (!_context.Effects.WaitForQueued(LoopAnswerTimeout)) _log.Error("stop: address removals did not finish in time");
        StopOwnership();
        _log.Info("stopped");
    }

    /// <summary>After the addresses are gone: every lease is revoked (its key with it), so the other host takes over
    /// after one etcd round trip instead of the lease's TTL.</summary>
    private void StopOwnership()
    {
        if (_ownership.Count == 0) return;
        try
        {
            var stopping = _loop.Invoke(() => _ownership.Select(g => g.StopAsync()).ToArray(), LoopAnswerTimeout);
            if (!Task.WaitAll(stopping, LoopAnswerTimeout)) _log.Warning("stop: etcd did not confirm every lease revoke; the keys expire with their leases");
        }
        catch (Exception e) when (e is TimeoutException or AggregateException)
        {
            _log.Warning($"stop: revoking the ownership leases failed: {e.Message}");
        }
    }

    public void Dispose()
    {
        _monitor?.Dispose();
        _trackers?.Dispose();
        try
        {
            _loop.Invoke(() =>
            {
                _reconcileTimer?.Dispose();
                foreach (var instance in _instances) instance.Dispose();
                foreach (var receiver in _receivers.Values) receiver.Dispose();
            }, LoopAnswerTimeout);
        }
        catch (Exception e) when (e is TimeoutException or ObjectDisposedException)
        {
            _log.Error($"dispose: {e.Message}");
        }
        _context.Effects.Dispose();   // runs what is queued (the last removals), then stops
        foreach (var gate in _ownership) gate.Dispose();
        _context.Dispose();
    }
}
