namespace Vrrpd.Commands;

/// <summary>
/// Whether this process holds the two capabilities `vrrpd run` cannot work without, read from the effective set in
/// /proc/self/status (proc(5), "CapEff"): CAP_NET_RAW for the raw protocol-112 and AF_PACKET sockets, CAP_NET_ADMIN
/// for the virtual addresses and multicast membership (README, "Running it on a host"). Asked before anything
/// starts, so a missing one is one sentence, and never a daemon that becomes Master but cannot add its VIP.
/// </summary>
internal static class NetworkCapabilities
{
    // linux/capability.h
    private const int CAP_NET_ADMIN = 12;
    private const int CAP_NET_RAW = 13;

    /// <summary>The names of the needed capabilities the process lacks; empty when it has both or when the kernel
    /// does not say (no /proc), in which case the first socket call reports what is wrong.</summary>
    public static IReadOnlyList<string> Missing()
    {
        var effective = Effective();
        if (effective is not { } set) return [];
        var missing = new List<string>();
        if ((set & (1UL << CAP_NET_ADMIN)) == 0) missing.Add("CAP_NET_ADMIN");
        if ((set & (1UL << CAP_NET_RAW)) == 0) missing.Add("CAP_NET_RAW");
        return missing;
    }

    private static ulong? Effective()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("CapEff:", StringComparison.Ordinal)) continue;
                return ulong.TryParse(line["CapEff:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber,
                    System.Globalization.CultureInfo.InvariantCulture, out var set) ? set : null;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }
}
