// Names kept as in cuda.h (docs/design/code-conventions.md §1).
#pragma warning disable CS8981

internal static partial class Interop
{
    /// <summary>
    /// CUDA driver API (cuda.h 12.6) constants. The functions are bound at run time by
    /// <see cref="Vrrpd.Linux.CudaLibrary"/>, only inside the cuda-probe child process.
    /// </summary>
    internal static partial class Cuda
    {
        /// <summary>The driver's soname (not the toolkit stub, which returns CUDA_ERROR_STUB_LIBRARY).</summary>
        internal const string LibraryName = "libcuda.so.1";

        // CUresult (docs/design/gpu-health.md §10).
        internal const int CUDA_SUCCESS = 0;
        internal const int CUDA_ERROR_INVALID_VALUE = 1;
        internal const int CUDA_ERROR_OUT_OF_MEMORY = 2;
        internal const int CUDA_ERROR_NOT_INITIALIZED = 3;
        internal const int CUDA_ERROR_STUB_LIBRARY = 34;
        internal const int CUDA_ERROR_DEVICE_UNAVAILABLE = 46;
        internal const int CUDA_ERROR_NO_DEVICE = 100;
        internal const int CUDA_ERROR_INVALID_DEVICE = 101;
        internal const int CUDA_ERROR_ECC_UNCORRECTABLE = 214;
        internal const int CUDA_ERROR_NVLINK_UNCORRECTABLE = 220;
        internal const int CUDA_ERROR_NOT_FOUND = 500;
        internal const int CUDA_ERROR_SYSTEM_NOT_READY = 802;
        internal const int CUDA_ERROR_SYSTEM_DRIVER_MISMATCH = 803;
        internal const int CUDA_ERROR_UNKNOWN = 999;
    }
}
