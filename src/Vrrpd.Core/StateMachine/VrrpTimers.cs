using Vrrpd.Protocol;

namespace Vrrpd.StateMachine;

/// <summary>
/// The timer formulas of RFC 3768 §6.1 and RFC 5798 / 9568 §6.1, exact to the 100 ns tick: never rounded to
/// centiseconds (FRR's bug) or whole seconds (FreeVRRPd's). keepalived computes the same value in µs as
/// <c>skew_us = (256 - prio) * interval_cs * 625 / 16</c>; here the remainder below one tick (at most 7/8 of
/// 100 ns) is truncated.
/// </summary>
public static class VrrpTimers
{
    /// <summary>
    /// Skew_Time. v2 (RFC 3768 §6.1): <c>(256 - Priority) / 256</c> seconds, whatever the interval.
    /// v3 (RFC 5798 / 9568 §6.1): <c>((256 - Priority) * Master_Adver_Interval) / 256</c>.
    /// </summary>
    /// <param name="priority">The local (receiving) router's priority.</param>
    public static TimeSpan SkewTime(VrrpVersion version, byte priority, TimeSpan masterAdverInterval)
    {
        long basis = version == VrrpVersion.V2 ? TimeSpan.TicksPerSecond : masterAdverInterval.Ticks;
        return TimeSpan.FromTicks(basis * (256 - priority) / 256);
    }

    /// <summary>
    /// Master_Down_Interval (9568: Active_Down_Interval): <c>3 * Master_Adver_Interval + Skew_Time</c>, where 3 is
    /// keepalived's <c>down_timer_adverts</c>. In v2 Master_Adver_Interval is the own Advertisement_Interval.
    /// </summary>
    public static TimeSpan MasterDownInterval(VrrpVersion version, byte priority, TimeSpan masterAdverInterval, int downTimerAdverts = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(downTimerAdverts, 1);
        return TimeSpan.FromTicks(downTimerAdverts * masterAdverInterval.Ticks) + SkewTime(version, priority, masterAdverInterval);
    }
}
