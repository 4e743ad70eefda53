namespace Vrrpd.Configuration;

/// <summary>Gratuitous ARP / unsolicited NA bursts (keepalived's vrrp_garp_* and per-instance garp_* keywords).</summary>
/// <param name="MasterDelay">Delay of the second burst after becoming Master (<c>garp_master_delay</c>); zero = none.</param>
/// <param name="MasterRepeat">Announcements per address per burst (<c>garp_master_repeat</c>).</param>
/// <param name="MasterRefresh">Period of refresh bursts while Master (<c>garp_master_refresh</c>); zero = off.</param>
/// <param name="MasterRefreshRepeat">Announcements per address per refresh (<c>garp_master_refresh_repeat</c>).</param>
/// <param name="LowerPriorityDelay">Delay of the second repair burst after hearing a lower priority (<c>garp_lower_prio_delay</c>).</param>
/// <param name="LowerPriorityRepeat">Announcements per address per repair burst (<c>garp_lower_prio_repeat</c>).</param>
public sealed record GarpSettings(
    TimeSpan MasterDelay,
    int MasterRepeat,
    TimeSpan MasterRefresh,
    int MasterRefreshRepeat,
    TimeSpan LowerPriorityDelay,
    int LowerPriorityRepeat)
{
    /// <summary>keepalived's defaults (vrrp.h): 5 now and 5 more after 5 s, no refresh, same for repair bursts.</summary>
    public static GarpSettings Default { get; } = new(
        TimeSpan.FromSeconds(5), 5, TimeSpan.Zero, 1, TimeSpan.FromSeconds(5), 5);
}
