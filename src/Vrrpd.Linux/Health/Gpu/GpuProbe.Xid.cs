using Vrrpd.Health;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>Xids from NVML events and the kernel log: fatal ones raise <see cref="Urgent"/> at once.</summary>
public sealed partial class GpuProbe
{
    private const string NvmlSource = "NVML event";
    private const string KernelSource = "kernel log";

    private void OnXid(GpuSelector device, int xid) => HandleXid(device, xid, NvmlSource);

    private void OnFatal(GpuSelector device, string what) =>
        RaiseUrgent(CheckResult.FatalFault($"{_directory.Label(device)}: {what}", latch: true, new CheckFacts(device.Index)));

    private void OnKernelLine(KmsgXidLine line)
    {
        if (_directory.FindByPci(line.Pci) is not GpuSelector device)
            return; // another GPU than the ones this tracker watches
        if (line.Xid is int xid)
            HandleXid(device, xid, KernelSource);
        else
            RaiseUrgent(CheckResult.FatalFault($"{_directory.Label(device)}: fallen off the bus ({KernelSource})", latch: true, new CheckFacts(device.Index)));
    }

    /// <summary>Fatal: Urgent now. Ignored: counted only. Others: a failure in the next poll (subject to fall).</summary>
    private void HandleXid(GpuSelector device, int xid, string source)
    {
        if (!_xids.Record(device.Key, xid, source))
            return; // the other source already reported it
        string reason = $"{_directory.Label(device)}: Xid {xid}, {XidCatalog.Describe(xid)}";
        var facts = new CheckFacts(device.Index, xid);
        switch (XidCatalog.Classify(xid, _config.FatalXids))
        {
            case XidSeverity.Fatal:
                RaiseUrgent(CheckResult.FatalFault(reason, latch: true, facts));
                break;
            case XidSeverity.Failure:
                _xids.AddPending(CheckResult.Unhealthy($"{reason} ({source})", facts));
                break;
        }
    }
}
