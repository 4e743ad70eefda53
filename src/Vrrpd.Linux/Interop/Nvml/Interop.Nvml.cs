// Names kept as in nvml.h (docs/design/code-conventions.md §1).
#pragma warning disable CS8981

internal static partial class Interop
{
    /// <summary>
    /// NVML (nvml.h, NVML 13.3) constants and struct layouts. The functions are bound at run time by
    /// <see cref="Vrrpd.Linux.NvmlLibrary"/>: NVML ships with the driver, so it may be absent or old.
    /// </summary>
    internal static partial class Nvml
    {
        /// <summary>The soname the driver installs; resolved through LD_LIBRARY_PATH and ld.so.cache.</summary>
        internal const string LibraryName = "libnvidia-ml.so.1";

        // nvmlReturn_t (docs/design/gpu-health.md §4).
        internal const int NVML_SUCCESS = 0;
        internal const int NVML_ERROR_UNINITIALIZED = 1;
        internal const int NVML_ERROR_INVALID_ARGUMENT = 2;
        internal const int NVML_ERROR_NOT_SUPPORTED = 3;
        internal const int NVML_ERROR_NO_PERMISSION = 4;
        internal const int NVML_ERROR_NOT_FOUND = 6;
        internal const int NVML_ERROR_INSUFFICIENT_POWER = 8;
        internal const int NVML_ERROR_DRIVER_NOT_LOADED = 9;
        internal const int NVML_ERROR_TIMEOUT = 10;
        internal const int NVML_ERROR_IRQ_ISSUE = 11;
        internal const int NVML_ERROR_LIBRARY_NOT_FOUND = 12;
        internal const int NVML_ERROR_FUNCTION_NOT_FOUND = 13;
        internal const int NVML_ERROR_GPU_IS_LOST = 15;
        internal const int NVML_ERROR_RESET_REQUIRED = 16;
        internal const int NVML_ERROR_LIB_RM_VERSION_MISMATCH = 18;
        internal const int NVML_ERROR_UNKNOWN = 999;

        // nvmlEventType (docs/design/gpu-health.md §5).
        internal const ulong nvmlEventTypeSingleBitEccError = 0x1;
        internal const ulong nvmlEventTypeDoubleBitEccError = 0x2;
        internal const ulong nvmlEventTypeXidCriticalError = 0x8;

        internal const int NVML_TEMPERATURE_GPU = 0;
        internal const int NVML_TEMPERATURE_THRESHOLD_SHUTDOWN = 0;
        internal const int NVML_TEMPERATURE_THRESHOLD_SLOWDOWN = 1;
        internal const int NVML_MEMORY_ERROR_TYPE_UNCORRECTED = 1;
        internal const int NVML_VOLATILE_ECC = 0;

        /// <summary>NVML_DEVICE_UUID_V2_BUFFER_SIZE.</summary>
        internal const int NVML_DEVICE_UUID_V2_BUFFER_SIZE = 96;

        /// <summary>nvmlTemperature_v1: sizeof(nvmlTemperature_v1_t) | 1 &lt;&lt; 24.</summary>
        internal const uint nvmlTemperature_v1 = 0x0100000C;
    }
}
