namespace Vrrpd.Configuration;

/// <summary>
/// vrrpd's <c>vrrp_track_gpu NAME { devices all|INDEX...|UUID...; interval; fall; rise; weight; max_temperature;
/// xid_events on|off; fatal_xids N...; cuda_probe_interval S }</c>, checked through NVML (and optionally the
/// CUDA driver) in-process.
/// </summary>
/// <param name="DeviceIndexes">Empty with <paramref name="DeviceUuids"/> empty = all devices.</param>
/// <param name="MaxTemperature">°C; null = the GPU's own slowdown threshold.</param>
/// <param name="FatalXids">Default: DCGM's always-fatal set 48 74 79 95 119 120 140.</param>
/// <param name="CudaProbeInterval">Zero = off.</param>
public sealed record GpuTrackerConfig(
    string Name,
    IReadOnlyList<int> DeviceIndexes,
    IReadOnlyList<string> DeviceUuids,
    TrackerTiming Timing,
    int? MaxTemperature,
    bool XidEvents,
    IReadOnlyList<int> FatalXids,
    TimeSpan CudaProbeInterval,
    SourceLocation Location)
{
    public static IReadOnlyList<int> DefaultFatalXids { get; } = [48, 74, 79, 95, 119, 120, 140];

    /// <summary>Application-level Xids: the service's own check catches a dead app; never a GPU failure.</summary>
    public static IReadOnlyList<int> IgnoredXids { get; } = [13, 31, 43, 45, 68];

    public bool AllDevices => DeviceIndexes.Count == 0 && DeviceUuids.Count == 0;
}
