namespace Vrrpd.Health;

/// <summary>Where a tracker stands, as status shows it.</summary>
public enum TrackerState
{
    /// <summary>No result yet. A weight-0 tracker holds its instances in Fault until the first result
    /// (keepalived keeps the instance in INIT/FAULT); a weighted one applies no delta.</summary>
    Unknown,

    /// <summary>Healthy: the counter reached <c>rise</c>.</summary>
    Ok,

    /// <summary>Unhealthy: <c>fall</c> failures in a row, one fatal result, or <c>init_fail</c> at start.</summary>
    Failed,

    /// <summary>A latched fatal fault (GPU hardware): failed until <see cref="Tracker.ClearLatch"/> and then
    /// <c>rise</c> good results.</summary>
    Fatal,
}
