namespace Vrrpd.Linux.Health.Gpu;

/// <summary>How a health checker treats an nvmlReturn_t (docs/design/gpu-health.md §4).</summary>
internal enum NvmlErrorClass
{
    /// <summary>NOT_SUPPORTED / FUNCTION_NOT_FOUND: the feature is absent here; disable that sub-check.</summary>
    Disable,

    /// <summary>GPU_IS_LOST / RESET_REQUIRED: hardware is gone; fatal at once and latched.</summary>
    FatalLatched,

    /// <summary>Driver-level faults (INSUFFICIENT_POWER, DRIVER_NOT_LOADED, IRQ_ISSUE, LIB_RM_VERSION_MISMATCH): fatal.</summary>
    Fatal,

    /// <summary>UNKNOWN: the usual face of a dying GPU, fatal after <see cref="NvmlErrorPolicy.UnknownErrorsBeforeFatal"/> in a row.</summary>
    Unknown,

    /// <summary>Anything else: one failure sample.</summary>
    Failure,
}

internal static class NvmlErrorPolicy
{
    /// <summary>docs/design/gpu-health.md §4: UNKNOWN is fatal after 3 in a row.</summary>
    public const int UnknownErrorsBeforeFatal = 3;

    public static NvmlErrorClass Classify(int result) => result switch
    {
        Interop.Nvml.NVML_ERROR_NOT_SUPPORTED or Interop.Nvml.NVML_ERROR_FUNCTION_NOT_FOUND => NvmlErrorClass.Disable,
        Interop.Nvml.NVML_ERROR_GPU_IS_LOST or Interop.Nvml.NVML_ERROR_RESET_REQUIRED => NvmlErrorClass.FatalLatched,
        Interop.Nvml.NVML_ERROR_INSUFFICIENT_POWER or Interop.Nvml.NVML_ERROR_DRIVER_NOT_LOADED
            or Interop.Nvml.NVML_ERROR_IRQ_ISSUE or Interop.Nvml.NVML_ERROR_LIB_RM_VERSION_MISMATCH => NvmlErrorClass.Fatal,
        Interop.Nvml.NVML_ERROR_UNKNOWN => NvmlErrorClass.Unknown,
        _ => NvmlErrorClass.Failure,
    };
}
