using System.Collections.Concurrent;
using Vrrpd.Protocol;

namespace Vrrpd.Daemon;

/// <summary>Per-instance counters, written from the receive thread and timers, read by `vrrpd status`.</summary>
internal sealed class InstanceCounters
{
    private readonly ConcurrentDictionary<string, long> _drops = new();
    private long _advertsReceived;
    private long _advertsSent;

    public long AdvertsReceived => Interlocked.Read(ref _advertsReceived);
    public long AdvertsSent => Interlocked.Read(ref _advertsSent);

    public void Received() => Interlocked.Increment(ref _advertsReceived);
    public void Sent() => Interlocked.Increment(ref _advertsSent);

    public void Dropped(DropReason reason) => _drops.AddOrUpdate(reason.ToKey(), 1, (_, n) => n + 1);

    private readonly ConcurrentDictionary<(string From, string To), long> _transitions = new();

    public void Transitioned(string from, string to) => _transitions.AddOrUpdate((from, to), 1, (_, n) => n + 1);

    /// <summary>State changes since start by (from, to), for vrrpd_instance_transitions_total.</summary>
    public IReadOnlyList<KeyValuePair<(string From, string To), long>> TransitionsByState =>
        _transitions.OrderBy(t => t.Key.From, StringComparer.Ordinal).ThenBy(t => t.Key.To, StringComparer.Ordinal).ToArray();

    public IReadOnlyDictionary<string, long> Drops => new SortedDictionary<string, long>(_drops, StringComparer.Ordinal);
}
