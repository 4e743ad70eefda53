using Vrrpd.Configuration;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>One GPU as the configuration names it: by index (<c>devices 0 1</c>, or every index for <c>all</c>) or by UUID.</summary>
internal readonly record struct GpuSelector(int? Index, string? Uuid)
{
    /// <summary>Stable key for maps and measurements: "0" or "GPU-…".</summary>
    public string Key => Index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Uuid!;

    public static GpuSelector ByIndex(int index) => new(index, null);

    public static GpuSelector ByUuid(string uuid) => new(null, uuid);

    /// <summary>The configured selectors, or null for <c>devices all</c> (resolved from the count at each poll).</summary>
    public static IReadOnlyList<GpuSelector>? FromConfig(GpuTrackerConfig config) =>
        config.AllDevices ? null : [.. config.DeviceIndexes.Select(ByIndex), .. config.DeviceUuids.Select(ByUuid)];
}
