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

    public IReadOnlyDictionary<string, long> Drops => new SortedDictionary<string, long>(_drops, StringComparer.Ordinal);
}
