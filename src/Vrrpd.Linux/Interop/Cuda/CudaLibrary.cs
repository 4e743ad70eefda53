using System.Runtime.InteropServices;
using System.Text;

namespace Vrrpd.Linux;

/// <summary>
/// libcuda.so.1 bound through unmanaged function pointers (AOT-safe). Only the versioned exports: the
/// unversioned ones are the legacy ABI with 32-bit sizes (docs/design/gpu-health.md §10). A missing export returns
/// CUDA_ERROR_NOT_FOUND with its name in <see cref="MissingExports"/>. Used only by the cuda-probe child.
/// </summary>
internal sealed unsafe class CudaLibrary
{
    private readonly nint _handle;
    private readonly List<string> _missing = [];

    private readonly delegate* unmanaged<uint, int> _init;
    private readonly delegate* unmanaged<int*, int> _driverGetVersion;
    private readonly delegate* unmanaged<int*, byte*, int> _deviceGetByPCIBusId;
    private readonly delegate* unmanaged<nint*, int, int> _devicePrimaryCtxRetain;
    private readonly delegate* unmanaged<int, int> _devicePrimaryCtxRelease;
    private readonly delegate* unmanaged<nint, int> _ctxSetCurrent;
    private readonly delegate* unmanaged<ulong*, nuint, int> _memAlloc;
    private readonly delegate* unmanaged<ulong, void*, nuint, int> _memcpyHtoD;
    private readonly delegate* unmanaged<void*, ulong, nuint, int> _memcpyDtoH;
    private readonly delegate* unmanaged<int> _ctxSynchronize;
    private readonly delegate* unmanaged<ulong, int> _memFree;
    private readonly delegate* unmanaged<int, byte**, int> _getErrorName;

    private CudaLibrary(nint handle)
    {
        _handle = handle;
        _init = (delegate* unmanaged<uint, int>)Bind("cuInit");
        _driverGetVersion = (delegate* unmanaged<int*, int>)Bind("cuDriverGetVersion");
        _deviceGetByPCIBusId = (delegate* unmanaged<int*, byte*, int>)Bind("cuDeviceGetByPCIBusId");
        _devicePrimaryCtxRetain = (delegate* unmanaged<nint*, int, int>)Bind("cuDevicePrimaryCtxRetain");
        _devicePrimaryCtxRelease = (delegate* unmanaged<int, int>)Bind("cuDevicePrimaryCtxRelease_v2");
        _ctxSetCurrent = (delegate* unmanaged<nint, int>)Bind("cuCtxSetCurrent");
        _memAlloc = (delegate* unmanaged<ulong*, nuint, int>)Bind("cuMemAlloc_v2");
        _memcpyHtoD = (delegate* unmanaged<ulong, void*, nuint, int>)Bind("cuMemcpyHtoD_v2");
        _memcpyDtoH = (delegate* unmanaged<void*, ulong, nuint, int>)Bind("cuMemcpyDtoH_v2");
        _ctxSynchronize = (delegate* unmanaged<int>)Bind("cuCtxSynchronize");
        _memFree = (delegate* unmanaged<ulong, int>)Bind("cuMemFree_v2");
        _getErrorName = (delegate* unmanaged<int, byte**, int>)Bind("cuGetErrorName");
    }

    /// <summary>Exports this libcuda lacks (the probe steps that need them fail with CUDA_ERROR_NOT_FOUND).</summary>
    public IReadOnlyList<string> MissingExports => _missing;

    public static CudaLibrary? TryLoad(string? path, out string? error)
    {
        string name = path ?? Interop.Cuda.LibraryName;
        if (!NativeLibrary.TryLoad(name, out nint handle))
        {
            error = $"CUDA driver not found: {name} (install the NVIDIA driver)";
            return null;
        }
        error = null;
        return new CudaLibrary(handle);
    }

    private const int Missing = Interop.Cuda.CUDA_ERROR_NOT_FOUND;

    public int Init() => _init == null ? Missing : _init(0);

    public int DriverGetVersion(out int version)
    {
        int value = 0;
        int rc = _driverGetVersion == null ? Missing : _driverGetVersion(&value);
        version = value;
        return rc;
    }

    /// <summary>Accepts NVML's "00000000:10:00.0" as well as "0000:10:00.0".</summary>
    public int DeviceGetByPCIBusId(string busId, out int device)
    {
        int value = 0, rc = Missing;
        if (_deviceGetByPCIBusId != null)
        {
            byte[] text = Encoding.ASCII.GetBytes(busId + "\0");
            fixed (byte* p = text)
                rc = _deviceGetByPCIBusId(&value, p);
        }
        device = value;
        return rc;
    }

    public int DevicePrimaryCtxRetain(int device, out nint context)
    {
        nint value = 0;
        int rc = _devicePrimaryCtxRetain == null ? Missing : _devicePrimaryCtxRetain(&value, device);
        context = value;
        return rc;
    }

    public int DevicePrimaryCtxRelease(int device) => _devicePrimaryCtxRelease == null ? Missing : _devicePrimaryCtxRelease(device);

    public int CtxSetCurrent(nint context) => _ctxSetCurrent == null ? Missing : _ctxSetCurrent(context);

    public int MemAlloc(nuint bytes, out ulong devicePointer)
    {
        ulong value = 0;
        int rc = _memAlloc == null ? Missing : _memAlloc(&value, bytes);
        devicePointer = value;
        return rc;
    }

    public int MemcpyHtoD(ulong destination, ReadOnlySpan<byte> source)
    {
        if (_memcpyHtoD == null)
            return Missing;
        fixed (byte* p = source)
            return _memcpyHtoD(destination, p, (nuint)source.Length);
    }

    public int MemcpyDtoH(Span<byte> destination, ulong source)
    {
        if (_memcpyDtoH == null)
            return Missing;
        fixed (byte* p = destination)
            return _memcpyDtoH(p, source, (nuint)destination.Length);
    }

    public int CtxSynchronize() => _ctxSynchronize == null ? Missing : _ctxSynchronize();

    public int MemFree(ulong devicePointer) => _memFree == null ? Missing : _memFree(devicePointer);

    /// <summary>"CUDA_ERROR_UNKNOWN", or "CUresult N" when the driver has no name for it.</summary>
    public string ErrorName(int result)
    {
        byte* name = null;
        if (_getErrorName != null && _getErrorName(result, &name) == Interop.Cuda.CUDA_SUCCESS && name != null)
            return Marshal.PtrToStringUTF8((nint)name) ?? $"CUresult {result}";
        return result == Missing ? "CUDA_ERROR_NOT_FOUND" : $"CUresult {result}";
    }

    private void* Bind(string name)
    {
        if (NativeLibrary.TryGetExport(_handle, name, out nint address))
            return (void*)address;
        _missing.Add(name);
        return null;
    }
}
