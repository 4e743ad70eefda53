using System.Collections.Concurrent;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>
/// What is known about each watched GPU (UUID, PCI address), shared by the poll worker, the NVML event thread,
/// the kernel-log reader and the CUDA probe loop: names GPUs in reasons and maps a kernel line to a GPU.
/// </summary>
internal sealed class GpuDirectory
{
    private readonly ConcurrentDictionary<string, (GpuSelector Selector, string? Uuid, PciAddress? Pci)> _devices = new();

    public void Learn(GpuSelector selector, string? uuid, PciAddress? pci) =>
        _devices.AddOrUpdate(selector.Key, (selector, uuid, pci),
            (_, old) => (selector, uuid ?? old.Uuid, pci ?? old.Pci));

    /// <summary>"GPU 0 (GPU-5f1c…)", "GPU 0" before the UUID is known, or "GPU-5f1c…" for a UUID selector.</summary>
    public string Label(GpuSelector selector)
    {
        if (selector.Index is null)
            return selector.Uuid!;
        string? uuid = _devices.TryGetValue(selector.Key, out var known) ? known.Uuid : null;
        return uuid is null ? $"GPU {selector.Index}" : $"GPU {selector.Index} ({uuid})";
    }

    public GpuSelector? FindByPci(PciAddress pci)
    {
        foreach (var entry in _devices.Values)
            if (entry.Pci == pci)
                return entry.Selector;
        return null;
    }

    /// <summary>Watched GPUs whose PCI address is known (the CUDA probe addresses GPUs by bus id).</summary>
    public IReadOnlyList<(GpuSelector Selector, PciAddress Pci)> WithPci() =>
        [.. _devices.Values.Where(d => d.Pci is not null).Select(d => (d.Selector, d.Pci!.Value)).OrderBy(d => d.Selector.Key, StringComparer.Ordinal)];
}
