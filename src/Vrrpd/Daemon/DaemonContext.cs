using Vrrpd.Configuration;
using Vrrpd.Daemon.Events;
using Vrrpd.Daemon.Notify;
using Vrrpd.Linux.Netlink;
using Vrrpd.Linux.Timing;
using Vrrpd.Logging;

namespace Vrrpd.Daemon;

/// <summary>What every instance shares: the event loop that owns every state machine, the effects worker that
/// carries out what may block, the clock, the netlink address table, announcers and the notify runner
/// (docs/design/event-loop.md).</summary>
internal sealed class DaemonContext(GlobalDefinitions global, TimeProvider time, Log log, NetlinkAddressTable addresses,
    EventLoop loop, OrderedWorker effects) : IDisposable
{
    public GlobalDefinitions Global { get; } = global;
    public TimeProvider Time { get; } = time;

    /// <summary>The one thread that runs every state machine, reads the VRRP sockets and fires the state machines'
    /// timers (Adver_Timer, Master_Down_Timer) to the microsecond; everything else reaches it by posting.</summary>
    public EventLoop Loop { get; } = loop;

    /// <summary>Netlink address changes, announcements, the events file, notify scripts and systemd, in the order
    /// the loop decided them, off the loop.</summary>
    public OrderedWorker Effects { get; } = effects;

    /// <summary>The gate Vrrpd.Core's routers take (a sync group's members must share one). Only the loop thread
    /// ever calls a router, so it is never contended and never shared with another thread.</summary>
    public object RouterGate { get; } = new();
    public Log Log { get; } = log;
    public NetlinkAddressTable Addresses { get; } = addresses;
    public IReadOnlyList<NotifyFifo> Fifos { get; } = global.NotifyFifos.Select(f => new NotifyFifo(f, log.For("notify"))).ToArray();
    public NotifyRunner Notify => _notify ??= new(Log.For("notify"), Fifos);
    private NotifyRunner? _notify;
    public Announcers Announcers { get; } = new(log.For("announce"));

    /// <summary>Whether an address is a VIP of any instance of this daemon (never a source address); set by the
    /// daemon, which knows the instances.</summary>
    public Func<System.Net.IPAddress, bool> IsVirtualAddress { get; set; } = _ => false;

    /// <summary>Links by name, refreshed on netlink link events.</summary>
    public LinkDirectory Links { get; } = new();
    public EventLog Events { get; } = new(global.EventsFile, global.EventsFileMaxBytes, log.For("events"));

    /// <summary>The kernel's addresses in one dump; null when the dump failed (nothing is known then: no VIP is
    /// "missing", no source address "gone"). A netlink round trip: for the effects worker and binding, not the
    /// loop's steady state. Failures are logged at most every 10 s.</summary>
    public IReadOnlyList<InterfaceAddress>? TryListAddresses()
    {
        try
        {
            return Addresses.List();
        }
        catch (NetlinkException e)
        {
            if (_listLog.ShouldLog("list")) _log.Error($"listing addresses failed: {e.Message}");
            return null;
        }
    }

    private readonly ReceiveLogLimiter _listLog = new(time, TimeSpan.FromSeconds(10));
    private readonly Log _log = log.For("netlink");

    /// <summary>Drops that belong to no instance (unknown VRID, runt datagrams), shown at the top of status.</summary>
    public InstanceCounters UnclaimedDrops { get; } = new();

    public void Dispose()
    {
        foreach (var fifo in Fifos) fifo.Dispose();
        Announcers.Dispose();
        Addresses.Dispose();
    }
}
