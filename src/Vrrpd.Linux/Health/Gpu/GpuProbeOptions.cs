namespace Vrrpd.Linux.Health.Gpu;

/// <summary>How a <see cref="GpuProbe"/> reaches the machine; the defaults are the daemon's.</summary>
public sealed record GpuProbeOptions
{
    /// <summary><c>nvml_library PATH</c> from global_defs; null = "libnvidia-ml.so.1" through the loader's search.</summary>
    public string? LibraryPath { get; init; }

    /// <summary>Where once-only notices go (a disabled sub-check, an older driver's fallbacks).</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>The kernel log read for NVRM Xid lines; null = not read.</summary>
    public string? KmsgPath { get; init; } = "/dev/kmsg";

    /// <summary>An NVML call outstanding this long is a failure sample (docs/design/gpu-health.md §7: 2 s).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>ECC totals and remapped rows are read at most this often (docs/design/gpu-health.md §7: 5–60 s).</summary>
    public TimeSpan SlowCheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>One nvmlEventSetWait_v2 timeout: how soon the event thread notices it must stop.</summary>
    public TimeSpan EventWaitTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Runs the CUDA probe when <c>cuda_probe_interval</c> &gt; 0; null = re-execute this binary with a 10 s deadline.</summary>
    public CudaProbeRunner? CudaProbe { get; init; }
}
