using System.Text;
using Vrrpd.Linux.Health.Gpu;
using static Vrrpd.Fuzz.InvariantBrokenException;

namespace Vrrpd.Fuzz.Targets;

/// <summary>
/// The text the GPU tracker reads from outside (docs/design/gpu-health.md §8): a /dev/kmsg record that may be an
/// NVRM Xid or "fallen off the bus" line (<see cref="KmsgXidLine.TryParse"/>) and the PCI bus id strings NVML
/// returns (<see cref="PciAddress.TryParse"/>). NVML's numeric answers are C structs with no parsing to fuzz.
/// Promises: nothing throws, and a PCI address parsed from either prints in NVML's form and parses back to itself.
/// </summary>
internal sealed class GpuKernelLogTarget : IFuzzTarget
{
    public string Name => "gpu";

    public void Run(ReadOnlySpan<byte> input)
    {
        string text = Encoding.UTF8.GetString(input);
        if (KmsgXidLine.TryParse(text, out KmsgXidLine line))
        {
            RoundTrips(line.Pci);
            ThrowUnless(line.Xid is null or >= 0, $"negative Xid {line.Xid}");
        }

        if (PciAddress.TryParse(text, out PciAddress bus))
            RoundTrips(bus);
    }

    private static void RoundTrips(PciAddress address)
    {
        ThrowUnless(PciAddress.TryParse(address.BusId, out PciAddress again) && again == address,
            $"{address} printed as '{address.BusId}' does not parse back to itself");
    }
}
