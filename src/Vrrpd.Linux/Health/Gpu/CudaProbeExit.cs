namespace Vrrpd.Linux.Health.Gpu;

/// <summary>The exit codes of <c>vrrpd cuda-probe</c>: the parent turns them into a check result.</summary>
public enum CudaProbeExit
{
    /// <summary>Init, context, allocation and the copy round-trip all worked.</summary>
    Ok = 0,

    /// <summary>A CUDA call failed: one failure sample (NOT_INITIALIZED, UNKNOWN, sticky launch errors, ...).</summary>
    Failed = 1,

    /// <summary>The GPU is gone or corrupts data (NO_DEVICE, INVALID_DEVICE, ECC_UNCORRECTABLE, a copy that came back wrong).</summary>
    Fatal = 2,

    /// <summary>Healthy but in use: OUT_OF_MEMORY (servers pre-allocate ~90 %) or DEVICE_UNAVAILABLE (exclusive compute mode).</summary>
    Inconclusive = 3,

    /// <summary>Bad arguments, or libcuda.so.1 missing: a configuration problem.</summary>
    Usage = 64,
}
