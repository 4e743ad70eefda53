using System.Diagnostics;
using Vrrpd.Health;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>
/// Xids seen, from either source (NVML events, the kernel log): counts per GPU and code for status, the same Xid
/// reported by both sources within <see cref="DuplicateWindow"/> counted once, and the non-fatal ones held for
/// the next poll so they count against <c>fall</c> like any failed check. Thread-safe.
/// </summary>
internal sealed class XidLedger
{
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromSeconds(2);

    private readonly Dictionary<(string Device, int Xid), (int Count, long LastSeen, string Source)> _seen = [];
    private readonly List<CheckResult> _pending = [];
    private readonly Lock _lock = new();

    /// <summary>Counts the Xid; false when another source reported the same one just now.</summary>
    public bool Record(string deviceKey, int xid, string source)
    {
        lock (_lock)
        {
            long now = Stopwatch.GetTimestamp();
            if (_seen.TryGetValue((deviceKey, xid), out var last)
                && last.Source != source && Stopwatch.GetElapsedTime(last.LastSeen, now) < DuplicateWindow)
                return false;
            _seen[(deviceKey, xid)] = (last.Count + 1, now, source);
            return true;
        }
    }

    public void AddPending(CheckResult failure)
    {
        lock (_lock)
            _pending.Add(failure);
    }

    /// <summary>The non-fatal Xids since the last poll; clears them.</summary>
    public List<CheckResult> TakePending()
    {
        lock (_lock)
        {
            var taken = _pending.ToList();
            _pending.Clear();
            return taken;
        }
    }

    /// <summary>"xid_total" per GPU and Xid code (the code as the measurement's label).</summary>
    public IEnumerable<Measurement> Counts()
    {
        lock (_lock)
            return [.. _seen.OrderBy(e => e.Key.Device, StringComparer.Ordinal).ThenBy(e => e.Key.Xid)
                .Select(e => new Measurement("xid_total", e.Value.Count, e.Key.Device,
                    new MeasurementLabel("xid", e.Key.Xid.ToString(System.Globalization.CultureInfo.InvariantCulture))))];
    }
}
