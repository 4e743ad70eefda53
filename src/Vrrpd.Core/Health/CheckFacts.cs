namespace Vrrpd.Health;

/// <summary>
/// What a check result is about, as typed values, beside its sentence: the failover report and the metrics take them
/// from here, never out of the words (docs/design/gpu-health.md §6 has the sentences). Null members are unknown or
/// not applicable.
/// </summary>
/// <param name="Gpu">The GPU's index (NVML), when the result is about one GPU.</param>
/// <param name="Xid">The Xid code the result reports.</param>
public sealed record CheckFacts(int? Gpu = null, int? Xid = null);
