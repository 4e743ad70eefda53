namespace Vrrpd.Status;

/// <summary>The human form of `vrrpd status`: one row per instance, then the last transition of each.</summary>
internal static class StatusTable
{
    public static void Write(StatusReport report, TextWriter output)
    {
        string[] header = ["INSTANCE", "VRID", "IF", "FAMILY", "V", "STATE", "PRIO", "EFF", "ADVERT", "MASTER", "VIPS", "RX", "TX", "DROPS"];
        var rows = report.Instances.Select(i => new[]
        {
            i.Name, i.Vrid.ToString(), i.Interface, i.Family, i.Version.ToString(), i.State,
            i.Priority.ToString(), i.EffectivePriority.ToString(), $"{i.AdvertIntervalMs:0.##}ms",
            i.MasterAddress ?? "-", string.Join(",", i.VirtualAddresses),
            i.Stats.AdvertsReceived.ToString(), i.Stats.AdvertsSent.ToString(), i.Stats.Drops.Values.Sum().ToString(),
        }).ToList();
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(string.Join("  ", header.Select((h, c) => h.PadRight(widths[c]))).TrimEnd());
        foreach (var row in rows) output.WriteLine(string.Join("  ", row.Select((v, c) => v.PadRight(widths[c]))).TrimEnd());
        if (report.Drops.Count > 0)
            output.WriteLine($"unclaimed drops: {string.Join(", ", report.Drops.Select(d => $"{d.Key}={d.Value}"))}");
        // The kernel checks IPv6 checksums for vrrpd's sockets (IPV6_CHECKSUM) and discards failures unseen: say
        // where those are counted, so a missing bad_checksum count is not read as none arriving
        // (docs/hostile-network.md §2).
        if (report.Instances.Any(i => i.Family == "ipv6"))
            output.WriteLine("IPv6 adverts with a bad checksum (or too short for one) are dropped by the kernel before vrrpd " +
                "reads them and are not in DROPS; the kernel counts them in the drops column of /proc/net/raw6");
        foreach (var i in report.Instances)
        {
            if (i.LastTransition is { } t)
                output.WriteLine($"{i.Name}: {t.From} -> {t.To} at {t.At:yyyy-MM-dd HH:mm:ss.fff}Z ({t.Reason})");
            if (i.Demoted is { } demoted) output.WriteLine($"{i.Name}: {demoted}; held at priority 1 until `vrrpd resume`");
            if (i.Ownership is { } o)
                output.WriteLine($"{i.Name}: ownership {o.Name} ({o.Key}): {o.State}" +
                    (o.FencingToken is { } token ? $", fencing token {token}" : "") +
                    (o.WaitingForOwnership ? ", waiting for it to become Master" : "") +
                    (o.OtherHolder is { } other ? $", held by {other}" : "") +
                    (o.EtcdReachable ? "" : $", etcd unreachable ({o.LastError})"));
            foreach (var fault in i.FaultReasons) output.WriteLine($"{i.Name}: fault: {fault}");
            foreach (var c in i.Checks)
            {
                var readings = c.Measurements.Count == 0 ? "" : " [" + string.Join(", ", c.Measurements.Select(m =>
                    (m.Device is null ? "" : m.Device + ":") + m.Name + "=" + m.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture))) + "]";
                output.WriteLine($"{i.Name}: check {c.Kind} {c.Name}: {c.State}, weight {c.Weight}, delta {c.AppliedDelta:+0;-0;0}" +
                    (c.Reason is null ? "" : $" ({c.Reason})") + readings);
            }
            if (i.Stats.Drops.Count > 0)
                output.WriteLine($"{i.Name}: drops: {string.Join(", ", i.Stats.Drops.Select(d => $"{d.Key}={d.Value}"))}");
        }
    }
}
