using System.Globalization;
using Vrrpd.Health;

namespace Vrrpd.Daemon.Events;

/// <summary>
/// A tracker result's typed facts (<see cref="CheckFacts"/>: GPU index, Xid code) put into the failover report's
/// data, so that a report can be filtered by GPU or Xid; taken as the probe stated them, never out of the sentence.
/// </summary>
internal static class CauseFacts
{
    public static void AddTrackerFacts(CheckFacts? facts, IDictionary<string, string> data)
    {
        if (facts?.Gpu is { } gpu) data["gpu"] = gpu.ToString(CultureInfo.InvariantCulture);
        if (facts?.Xid is { } xid) data["xid"] = xid.ToString(CultureInfo.InvariantCulture);
    }
}
