using Vrrpd.Configuration;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>What an Xid does to the tracker.</summary>
internal enum XidSeverity
{
    /// <summary>Application-level (13 31 43 45 68): the service's own check catches a dead app.</summary>
    Ignored,

    /// <summary>Any other Xid: one failure, subject to <c>fall</c>.</summary>
    Failure,

    /// <summary>Listed in <c>fatal_xids</c> (default DCGM's always-fatal 48 74 79 95 119 120 140): fatal at once, latched.</summary>
    Fatal,
}

/// <summary>
/// The Xid table (docs/design/gpu-health.md §6, after DCGM's BuildXidMappings and NVIDIA's Xid Catalog):
/// <code>
///   Xid                        default      meaning
///   13 31 43 45 68             ignored      application errors (graphics exception, page fault, stopped, cleanup, video)
///   48 74 79 95 119 120 140    fatal        DBE ECC, NVLink critical, fallen off the bus, uncontained ECC, GSP timeout/error, ECC unrecovered
///   anything else              failure      counted against fall (PCIe, thermal, power, NVLink, page retirement, unknown)
/// </code>
/// A configured <c>fatal_xids</c> list wins over the ignore list.
/// </summary>
internal static class XidCatalog
{
    public static XidSeverity Classify(int xid, IReadOnlyList<int> fatalXids) =>
        fatalXids.Contains(xid) ? XidSeverity.Fatal
        : GpuTrackerConfig.IgnoredXids.Contains(xid) ? XidSeverity.Ignored
        : XidSeverity.Failure;

    /// <summary>Words for status: "fallen off the bus".</summary>
    public static string Describe(int xid) => xid switch
    {
        13 => "graphics engine exception",
        31 => "GPU memory page fault",
        32 => "push-buffer stream error",
        38 or 39 or 42 => "PCIe bus or fabric error",
        43 => "GPU stopped processing",
        45 => "preemptive cleanup",
        48 => "double-bit ECC error",
        54 or 56 or 57 or 58 or 78 => "power or clock change",
        60 or 61 or 62 => "thermal or power-brake violation",
        63 => "page retirement or row-remap event",
        64 => "page retirement or row-remap failure",
        67 or 73 or 121 or 137 => "NVLink error",
        68 => "video processor exception",
        74 => "NVLink critical error",
        79 => "fallen off the bus",
        93 => "InfoROM corrupt",
        94 => "contained ECC error",
        95 => "uncontained ECC error",
        109 => "context switch timeout",
        119 => "GSP RPC timeout",
        120 => "GSP error",
        140 => "ECC unrecovered error",
        154 => "GPU recovery action changed",
        _ => "unknown Xid",
    };
}
