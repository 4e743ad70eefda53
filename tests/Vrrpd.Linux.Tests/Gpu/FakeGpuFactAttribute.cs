namespace Vrrpd.Linux.Tests.Gpu;

/// <summary>A fact that loads the fake NVML/CUDA built by gcc at test time; skipped, saying why, without gcc.</summary>
public sealed class FakeGpuFactAttribute : FactAttribute
{
    public FakeGpuFactAttribute()
    {
        if (FakeGpu.Unavailable is string reason)
            Skip = reason;
    }
}
