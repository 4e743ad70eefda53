namespace Vrrpd.Ownership;

/// <summary>
/// The intervals of one claim, all derived from the lease TTL (docs/design/ownership.md §4).
/// </summary>
public sealed record OwnershipTiming
{
    public OwnershipTiming(TimeSpan leaseTtl)
    {
        if (leaseTtl < TimeSpan.FromSeconds(2) || leaseTtl.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseTtl), leaseTtl, "a lease TTL is whole seconds, at least 2");
        }

        LeaseTtl = leaseTtl;
    }

    /// <summary>What is asked of etcd; etcd may grant more (its own minimum), never less.</summary>
    public TimeSpan LeaseTtl { get; }

    /// <summary>A keepalive is sent every TTL/3 (as etcd's own client does): two can fail before the deadline.</summary>
    public TimeSpan KeepAliveInterval => LeaseTtl / 3;

    /// <summary>
    /// The holder withdraws this long before its lease could expire in etcd by its own clock: it covers removing
    /// the addresses, a stale etcd leader that renewed a lease during its last election timeout (1 s by default),
    /// and clock rate differences (docs/design/ownership.md §4).
    /// </summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>One request to one endpoint gives up after this: TTL/5, at most 2 s, so that a dead endpoint costs
    /// less than a keepalive interval and the next endpoint is still tried in time.</summary>
    public TimeSpan RequestTimeout => TimeSpan.FromTicks(Math.Min(LeaseTtl.Ticks / 5, TimeSpan.FromSeconds(2).Ticks));

    /// <summary>After a request failed (no answer), the next try waits this long.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>While another host holds the key, it is asked for again this often in case a watch event was missed
    /// (a watch on a member cut off from the others sees nothing).</summary>
    public TimeSpan RecheckInterval => KeepAliveInterval;

    /// <summary>
    /// While VRRP wants Master and another host holds the key, the key is read this often, so that its deletion (a
    /// lease expired in etcd after the holder went silent) is seen within this bound even when the watch sits on a
    /// member that was cut off with the holder (docs/design/ownership.md §11). A linearizable read costs etcd no log
    /// entry, unlike the compare-and-swap.
    /// </summary>
    public TimeSpan HolderPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
