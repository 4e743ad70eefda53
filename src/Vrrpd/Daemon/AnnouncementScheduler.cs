using Vrrpd.Configuration;

namespace Vrrpd.Daemon;

/// <summary>
/// When a Master announces its virtual addresses (gratuitous ARP / unsolicited NA), on keepalived's schedule:
/// on becoming Master <c>garp_master_repeat</c> announcements at once and as many again after
/// <c>garp_master_delay</c>; every <c>garp_master_refresh</c> while Master; and on hearing a lower priority
/// (split-brain repair, RFC 9568 §6.4.3) <c>garp_lower_prio_repeat</c> at once and again after
/// <c>garp_lower_prio_delay</c>. The RFCs ask for one; the repeats cover switches that drop the first.
/// A scheduled burst that fires later than <paramref name="staleAfter"/> past its due time is skipped: this host
/// was stalled (SIGSTOP, a frozen VM) and a backup has likely taken over, so announcing now would point the LAN's
/// ARP caches back at a master about to yield (a black hole until they expire).
/// </summary>
internal sealed class AnnouncementScheduler(GarpSettings garp, TimeProvider time, Action announceOnce, Func<bool> isMaster, TimeSpan staleAfter,
    TimeSpan repairSpacing) : IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _delayed;
    private ITimer? _refresh;

    public void OnBecameMaster()
    {
        Burst(garp.MasterRepeat);
        lock (_gate)
        {
            _delayed?.Dispose();
            _delayed = ScheduleOnce(garp.MasterDelay, garp.MasterRepeat);
            _refresh?.Dispose();
            _refresh = garp.MasterRefresh > TimeSpan.Zero ? ScheduleRefresh() : null;
        }
    }

    /// <summary>
    /// A Master heard a lower priority: two Masters meet again after a split, and neighbours' ARP/ND caches may
    /// point at the one that is about to yield. The one that stays announces at once, at least once even when
    /// <c>garp_lower_prio_repeat</c> is 0 (a healed split must not leave clients on the loser's MAC until their
    /// caches expire). At most one repair burst per advert interval (<paramref name="repairSpacing"/>): every lower
    /// advert of a flood, or of a peer that stays stalled, would otherwise be answered with a burst; a longer spacing
    /// would swallow the burst of a split that heals soon after an earlier one (docs/design/single-owner.md §4).
    /// </summary>
    public void OnLowerPriorityHeard()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (_lastRepairBurst is { } last && time.GetElapsedTime(last, now) < repairSpacing) return;
            _lastRepairBurst = now;
        }
        Burst(Math.Max(1, garp.LowerPriorityRepeat));
        lock (_gate)
        {
            _delayed?.Dispose();
            _delayed = ScheduleOnce(garp.LowerPriorityDelay, garp.LowerPriorityRepeat);
        }
    }

    private long? _lastRepairBurst;   // TimeProvider.GetTimestamp() of the last burst at once after a lower priority

    /// <summary>Leaving Master: nothing more is announced.</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            _delayed?.Dispose();
            _delayed = null;
            _refresh?.Dispose();
            _refresh = null;
        }
    }

    public void Dispose() => Cancel();

    private ITimer? ScheduleOnce(TimeSpan delay, int repeat)
    {
        if (delay <= TimeSpan.Zero || repeat <= 0) return null;
        var due = time.GetTimestamp() + ToTimestampTicks(delay);
        return time.CreateTimer(_ => { if (isMaster() && !Stale(due)) Burst(repeat); }, null, delay, Timeout.InfiniteTimeSpan);
    }

    private ITimer ScheduleRefresh()
    {
        var due = time.GetTimestamp() + ToTimestampTicks(garp.MasterRefresh);
        return time.CreateTimer(_ =>
        {
            var stale = Stale(due);
            due = time.GetTimestamp() + ToTimestampTicks(garp.MasterRefresh);
            if (isMaster() && !stale) Burst(garp.MasterRefreshRepeat);
        }, null, garp.MasterRefresh, garp.MasterRefresh);
    }

    /// <summary>Due times are monotonic timestamps: a wall-clock step must not make a burst look stale or fresh.</summary>
    private bool Stale(long due) => time.GetTimestamp() > due && time.GetElapsedTime(due) > staleAfter;

    private long ToTimestampTicks(TimeSpan span) => (long)((Int128)span.Ticks * time.TimestampFrequency / TimeSpan.TicksPerSecond);

    private void Burst(int repeat)
    {
        for (var i = 0; i < Math.Max(repeat, 0); i++) announceOnce();
    }
}
