namespace Vrrpd.Configuration;

/// <summary>
/// keepalived's tracked-script semantics, shared by every tracker kind (vrrp_script, vrrp_track_gpu,
/// vrrp_track_container, ...): poll every <paramref name="Interval"/>, give up after <paramref name="Timeout"/>,
/// flip after <paramref name="Rise"/> successes / <paramref name="Fall"/> failures.
/// </summary>
/// <param name="Weight">0 = a failure puts the instance in Fault; negative lowers the priority on failure;
/// positive raises it on success (docs/design/keepalived-compatibility.md §3). Range -253..253.</param>
/// <param name="Reverse">Swaps what success and failure do.</param>
/// <param name="InitFail">Start failed (rise successes needed) instead of keepalived's "one result decides".</param>
public sealed record TrackerTiming(TimeSpan Interval, TimeSpan Timeout, int Rise, int Fall, int Weight, bool Reverse, bool InitFail)
{
    /// <summary>keepalived's vrrp_script defaults: interval 1 s, timeout = interval, rise 1, fall 1, weight 0.</summary>
    public static TrackerTiming Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1, 1, 0, false, false);
}
