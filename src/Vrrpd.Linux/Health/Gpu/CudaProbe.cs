using System.Diagnostics;
using System.Globalization;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>
/// The active CUDA check (docs/design/gpu-health.md §10), meant to run in a child process (<c>vrrpd cuda-probe --device
/// BUSID</c>): a sick GPU can hang cuInit or a copy for 45 s, sticky errors poison a process, and a context costs
/// hundreds of MiB, none of which may touch the daemon. Retains the primary context (version-proof), allocates
/// 1 MiB, copies a pattern there and back, compares, synchronises, frees. Prints one line, exits with a
/// <see cref="CudaProbeExit"/>.
/// </summary>
public static class CudaProbe
{
    private const int Bytes = 1 << 20;

    /// <summary>Arguments: <c>--device BUSID</c> (NVML form "00000000:10:00.0") and optionally <c>--library PATH</c>.</summary>
    public static int CudaProbeMain(string[] args)
    {
        string? busId = null, library = null;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--device": busId = args[i + 1]; break;
                case "--library": library = args[i + 1]; break;
            }
        }
        if (busId is null)
            return Report(CudaProbeExit.Usage, "usage: cuda-probe --device PCI_BUS_ID [--library PATH]");
        var cuda = CudaLibrary.TryLoad(library, out string? error);
        if (cuda is null)
            return Report(CudaProbeExit.Usage, error!);
        return Run(cuda, busId);
    }

    private static int Run(CudaLibrary cuda, string busId)
    {
        var clock = Stopwatch.StartNew();
        int rc = cuda.Init();
        if (rc != 0)
            return Fail(cuda, "cuInit", rc);
        if ((rc = cuda.DeviceGetByPCIBusId(busId, out int device)) != 0)
            return Fail(cuda, "cuDeviceGetByPCIBusId", rc);
        if ((rc = cuda.DevicePrimaryCtxRetain(device, out nint context)) != 0)
            return Fail(cuda, "cuDevicePrimaryCtxRetain", rc);
        try
        {
            if ((rc = cuda.CtxSetCurrent(context)) != 0)
                return Fail(cuda, "cuCtxSetCurrent", rc);
            return RoundTrip(cuda, busId, clock);
        }
        finally
        {
            cuda.DevicePrimaryCtxRelease(device);
        }
    }

    private static int RoundTrip(CudaLibrary cuda, string busId, Stopwatch clock)
    {
        int rc = cuda.MemAlloc(Bytes, out ulong memory);
        if (rc != 0)
            return Fail(cuda, "cuMemAlloc_v2", rc);
        try
        {
            var pattern = new byte[Bytes];
            for (int i = 0; i < pattern.Length; i++)
                pattern[i] = (byte)(i * 7 + (i >> 8));
            var back = new byte[Bytes];
            if ((rc = cuda.MemcpyHtoD(memory, pattern)) != 0)
                return Fail(cuda, "cuMemcpyHtoD_v2", rc);
            if ((rc = cuda.MemcpyDtoH(back, memory)) != 0)
                return Fail(cuda, "cuMemcpyDtoH_v2", rc);
            if ((rc = cuda.CtxSynchronize()) != 0)
                return Fail(cuda, "cuCtxSynchronize", rc);
            int mismatch = pattern.AsSpan().CommonPrefixLength(back);
            if (mismatch < Bytes)
                return Report(CudaProbeExit.Fatal, $"copy round-trip corrupted: byte {mismatch} came back 0x{back[mismatch]:x2}, wrote 0x{pattern[mismatch]:x2}");
        }
        finally
        {
            cuda.MemFree(memory);
        }
        cuda.DriverGetVersion(out int version);
        return Report(CudaProbeExit.Ok, string.Create(CultureInfo.InvariantCulture,
            $"ok: 1 MiB round-trip on {busId} in {clock.ElapsedMilliseconds} ms (CUDA driver {version / 1000}.{version % 1000 / 10})"));
    }

    private static int Fail(CudaLibrary cuda, string call, int result) =>
        Report(Classify(result), $"{call}: {cuda.ErrorName(result)} ({result})");

    /// <summary>The table of docs/design/gpu-health.md §10.</summary>
    internal static CudaProbeExit Classify(int result) => result switch
    {
        Interop.Cuda.CUDA_ERROR_OUT_OF_MEMORY or Interop.Cuda.CUDA_ERROR_DEVICE_UNAVAILABLE => CudaProbeExit.Inconclusive,
        Interop.Cuda.CUDA_ERROR_NO_DEVICE or Interop.Cuda.CUDA_ERROR_INVALID_DEVICE or Interop.Cuda.CUDA_ERROR_ECC_UNCORRECTABLE
            or Interop.Cuda.CUDA_ERROR_NVLINK_UNCORRECTABLE or Interop.Cuda.CUDA_ERROR_SYSTEM_NOT_READY
            or Interop.Cuda.CUDA_ERROR_SYSTEM_DRIVER_MISMATCH => CudaProbeExit.Fatal,
        Interop.Cuda.CUDA_ERROR_STUB_LIBRARY => CudaProbeExit.Usage,
        _ => CudaProbeExit.Failed,
    };

    private static int Report(CudaProbeExit exit, string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
        return (int)exit;
    }
}
