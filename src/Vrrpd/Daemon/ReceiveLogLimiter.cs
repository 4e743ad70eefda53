using System.Collections.Concurrent;

namespace Vrrpd.Daemon;

/// <summary>
/// Rate limit for per-packet log lines (RFC 9568 §7.1: discards SHOULD be logged, rate-limited): a hostile or
/// misconfigured peer sending thousands of bad packets is counted in full but logged once per period per reason.
/// </summary>
internal sealed class ReceiveLogLimiter(TimeProvider time, TimeSpan period)
{
    private readonly ConcurrentDictionary<string, long> _lastLogged = new();

    public bool ShouldLog(string key)
    {
        var now = time.GetTimestamp();
        var periodTicks = (long)(period.TotalSeconds * time.TimestampFrequency);
        while (true)
        {
            if (!_lastLogged.TryGetValue(key, out var last))
            {
                if (_lastLogged.TryAdd(key, now)) return true;
                continue;
            }
            if (now - last < periodTicks) return false;
            if (_lastLogged.TryUpdate(key, now, last)) return true;
        }
    }
}
