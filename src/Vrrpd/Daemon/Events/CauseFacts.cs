using System.Text.RegularExpressions;

namespace Vrrpd.Daemon.Events;

/// <summary>
/// Facts a tracker states in words ("GPU 0 (GPU-5f1c…): Xid 79, fallen off the bus", docs/design/gpu-health.md §6) picked out for
/// the failover report's data, so a report can be filtered by GPU or Xid without parsing sentences downstream.
/// </summary>
internal static partial class CauseFacts
{
    [GeneratedRegex(@"\bGPU (\d+)\b")]
    private static partial Regex GpuIndex();

    [GeneratedRegex(@"\bXid (\d+)\b")]
    private static partial Regex Xid();

    public static void AddTrackerFacts(string? reason, IDictionary<string, string> data)
    {
        if (reason is null) return;
        if (GpuIndex().Match(reason) is { Success: true } gpu) data["gpu"] = gpu.Groups[1].Value;
        if (Xid().Match(reason) is { Success: true } xid) data["xid"] = xid.Groups[1].Value;
    }
}
