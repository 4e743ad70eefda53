using Vrrpd.Configuration;
using Vrrpd.Daemon.Events;
using Vrrpd.Daemon.Notify;
using Vrrpd.Linux.Netlink;
using Vrrpd.Logging;

namespace Vrrpd.Daemon;

/// <summary>What every instance shares: the clock, the one lock all state machines run under (sync groups
/// span instances), the netlink address table, announcers and the notify runner.</summary>
internal sealed class DaemonContext(GlobalDefinitions global, TimeProvider time, Log log, NetlinkAddressTable addresses,
    TimeProvider? stateMachineTime = null, VrrpScheduling? scheduling = null) : IDisposable
{
    /// <summary>vrrp_rt_priority for the receive threads (the timer thread gets it from RunCommand).</summary>
    public VrrpScheduling Scheduling { get; } = scheduling ?? new VrrpScheduling(global, log.For("scheduling"));

    public GlobalDefinitions Global { get; } = global;
    public TimeProvider Time { get; } = time;

    /// <summary>The clock the state machines' timers (Adver_Timer, Master_Down_Timer) run on: in the daemon a
    /// microsecond timerfd thread (TimerFdTimeProvider), since those timers are the failover time; everything
    /// else (trackers, reconciliation, announcements) stays on <see cref="Time"/>.</summary>
    public TimeProvider StateMachineTime { get; } = stateMachineTime ?? time;
    public Log Log { get; } = log;
    public object Gate { get; } = new();
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

    /// <summary>Drops that belong to no instance (unknown VRID, runt datagrams), shown at the top of status.</summary>
    public InstanceCounters UnclaimedDrops { get; } = new();

    public void Dispose()
    {
        foreach (var fifo in Fifos) fifo.Dispose();
        Announcers.Dispose();
        Addresses.Dispose();
    }
}
