using System.Globalization;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>
/// A GPU's PCI location. NVML writes <c>busId</c> as "%08X:%02X:%02X.0" and <c>busIdLegacy</c> with a 4-digit
/// domain; kernel Xid lines write "dddd:bb:dd" in lower case, without the function. All are parsed as hex and
/// compared as (domain, bus, device) (docs/design/gpu-health.md §8).
/// </summary>
public readonly record struct PciAddress(int Domain, int Bus, int Device)
{
    /// <summary>NVML's form, which cuDeviceGetByPCIBusId also accepts: "00000000:10:00.0".</summary>
    public string BusId => $"{Domain:X8}:{Bus:X2}:{Device:X2}.0";

    public override string ToString() => $"{Domain:x4}:{Bus:x2}:{Device:x2}";

    /// <summary>"00000000:10:00.0", "0000:10:00.0" or "0000:10:00".</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out PciAddress address)
    {
        address = default;
        int dot = text.IndexOf('.');
        if (dot >= 0)
            text = text[..dot];
        Span<Range> parts = stackalloc Range[4];
        if (text.Split(parts, ':') != 3)
            return false;
        if (!int.TryParse(text[parts[0]], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int domain)
            || !int.TryParse(text[parts[1]], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int bus)
            || !int.TryParse(text[parts[2]], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int device))
            return false;
        address = new PciAddress(domain, bus, device);
        return true;
    }
}
