using System.Globalization;
using System.Text.RegularExpressions;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>
/// One kernel-log record about a GPU (docs/design/gpu-health.md §8): <c>NVRM: Xid (PCI:0000:10:00): 79, pid=…, GPU has fallen
/// off the bus.</c> (older drivers put the detail right after the number), or a "fallen off the bus" line with
/// no Xid (NVSentinel #155). /dev/kmsg records carry a <c>PRIORITY,SEQUENCE,TIMESTAMP,FLAGS;</c> prefix.
/// </summary>
/// <param name="Xid">Null for a "fallen off the bus" line without an Xid.</param>
internal readonly partial record struct KmsgXidLine(PciAddress Pci, int? Xid, string Message)
{
    public static bool TryParse(string record, out KmsgXidLine line)
    {
        line = default;
        string message = StripPrefix(record);
        var xid = XidPattern().Match(message);
        if (xid.Success && PciAddress.TryParse(xid.Groups["pci"].ValueSpan, out var pci)
            && int.TryParse(xid.Groups["xid"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int code))
        {
            line = new KmsgXidLine(pci, code, message);
            return true;
        }
        if (!message.Contains("fallen off the bus", StringComparison.OrdinalIgnoreCase) || !message.Contains("NVRM", StringComparison.Ordinal))
            return false;
        var bus = PciPattern().Match(message);
        if (!bus.Success || !PciAddress.TryParse(bus.ValueSpan, out var offBus))
            return false;
        line = new KmsgXidLine(offBus, null, message);
        return true;
    }

    /// <summary>"6,1234,5678,-;NVRM: …" → "NVRM: …"; a plain line is returned as it is.</summary>
    private static string StripPrefix(string record)
    {
        int semicolon = record.IndexOf(';');
        if (semicolon <= 0)
            return record.Trim();
        foreach (char c in record.AsSpan(0, semicolon))
            if (!char.IsAsciiDigit(c) && c != ',' && c != '-' && c != 'c' && c != '+')
                return record.Trim();
        return record[(semicolon + 1)..].Trim();
    }

    [GeneratedRegex(@"NVRM: Xid \(PCI:(?<pci>[0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}(\.[0-7])?)\): (?<xid>\d+)")]
    private static partial Regex XidPattern();

    [GeneratedRegex(@"[0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}(\.[0-7])?")]
    private static partial Regex PciPattern();
}
