namespace Vrrpd.Health;

/// <summary>
/// keepalived's weight table (docs/design/keepalived-compatibility.md §3, vrrp_track.c), the one place where tracker results turn
/// into priority and Fault:
/// <code>
///   weight  reverse   tracker OK    tracker failed
///   +W      no        +W            0
///   −W      no        0             −W
///   +W      yes       −W            0
///   −W      yes       0             +W
///   0       no        no effect     FAULT
///   0       yes       FAULT         no effect
/// </code>
/// track_file: delta = value × weight (negated with reverse); weight 0 with a non-zero value, or a delta ≤ −254,
/// is FAULT; a delta above +253 is capped. Effective priority = clamp(base + Σ deltas, 1, 254); an address owner
/// (255) keeps 255 and ignores weighted trackers (RFC 5798 §6.1: the owner's priority is fixed), but weight-0
/// trackers still fault it. A weight-0 tracker with no result yet holds the instance in Fault, as keepalived
/// holds it in INIT until every script has reported.
/// </summary>
public static class TrackerPriority
{
    public const byte Owner = 255;
    public const int MaxDelta = 253;

    public static PriorityOutcome Compute(byte basePriority, IReadOnlyList<TrackedCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        bool owner = basePriority == Owner;
        var effects = new TrackedEffect[conditions.Count];
        int total = 0;
        for (int i = 0; i < conditions.Count; i++)
        {
            TrackedEffect effect = EffectOf(conditions[i], owner);
            effects[i] = effect;
            total += effect.Delta;
        }

        byte effective = owner ? Owner : (byte)Math.Clamp(basePriority + total, 1, 254);
        return new PriorityOutcome(effective, effects);
    }

    private static TrackedEffect EffectOf(TrackedCondition c, bool owner)
    {
        if (c.FileValue is { } value)
        {
            return FileEffect(c, value, owner);
        }

        if (c.Weight == 0)
        {
            return new TrackedEffect(0, ZeroWeightFault(c), false);
        }

        if (owner)
        {
            return new TrackedEffect(0, null, true);
        }

        // Unknown (no result yet) contributes nothing in either direction.
        bool ok = c.State == TrackerState.Ok;
        bool failed = c.State is TrackerState.Failed or TrackerState.Fatal;
        int delta = (c.Weight > 0, c.Reverse) switch
        {
            (true, false) => ok ? c.Weight : 0,
            (false, false) => failed ? c.Weight : 0,
            (true, true) => ok ? -c.Weight : 0,
            (false, true) => failed ? -c.Weight : 0,
        };
        return new TrackedEffect(delta, null, false);
    }

    private static string? ZeroWeightFault(TrackedCondition c)
    {
        string reason = c.Reason is { Length: > 0 } r ? $": {r}" : "";
        return c.State switch
        {
            TrackerState.Unknown => $"{c.Name}: waiting for its first result",
            TrackerState.Ok when c.Reverse => $"{c.Name} succeeded (weight 0 reverse){reason}",
            TrackerState.Failed or TrackerState.Fatal when !c.Reverse => $"{c.Name} failed{reason}",
            _ => null,
        };
    }

    private static TrackedEffect FileEffect(TrackedCondition c, long value, bool owner)
    {
        if (c.Weight == 0)
        {
            return new TrackedEffect(0, value != 0 ? $"{c.Name} holds {value} (weight 0)" : null, false);
        }

        // Clamped first so that no file content can overflow the product.
        long delta = Math.Clamp(value, -1_000_000, 1_000_000) * c.Weight * (c.Reverse ? -1 : 1);
        if (delta <= -254)
        {
            return new TrackedEffect(0, $"{c.Name} holds {value}: delta {delta} ≤ -254", false);
        }

        return owner ? new TrackedEffect(0, null, true) : new TrackedEffect((int)Math.Min(delta, MaxDelta), null, false);
    }
}
