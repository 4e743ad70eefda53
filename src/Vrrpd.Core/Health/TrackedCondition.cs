namespace Vrrpd.Health;

/// <summary>
/// One tracked thing as an instance sees it: a tracker (script, file, GPU, container) or a tracked interface,
/// its state, and the weight this instance gives it (the track_* override or the tracker's own).
/// </summary>
/// <param name="Name">How fault reasons name it: "track_script chk_gpu", "track_interface eth1".</param>
/// <param name="Reason">The tracker's last reason, quoted in a fault reason.</param>
/// <param name="FileValue">track_file only: the integer in the file. The delta is value × weight instead of the
/// OK/failed table (keepalived vrrp_track.c).</param>
public readonly record struct TrackedCondition(
    string Name,
    TrackerState State,
    int Weight,
    bool Reverse,
    string? Reason = null,
    long? FileValue = null);

/// <summary>What one <see cref="TrackedCondition"/> does to its instance.</summary>
/// <param name="Delta">Priority change it contributes (0 when it is in Fault or ignored).</param>
/// <param name="FaultReason">Non-null when it puts the instance in Fault.</param>
/// <param name="Ignored">A weighted tracker on an address owner (priority 255), whose priority never changes.</param>
public readonly record struct TrackedEffect(int Delta, string? FaultReason, bool Ignored);

/// <summary>The effective priority and, per condition, its effect (same order as the input).</summary>
public sealed record PriorityOutcome(byte EffectivePriority, IReadOnlyList<TrackedEffect> Effects)
{
    /// <summary>Every active fault reason, in input order.</summary>
    public IReadOnlyList<string> FaultReasons => Effects.Where(e => e.FaultReason is not null).Select(e => e.FaultReason!).ToArray();
}
