using System.Runtime.InteropServices;

namespace Vrrpd.Linux;

/// <summary>
/// One loaded NVML, its exports bound through <see cref="NativeLibrary.TryGetExport"/> into unmanaged function
/// pointers (AOT-safe, no marshalling stubs). Each wrapper returns the nvmlReturn_t; an export the library lacks
/// (an older driver) returns NVML_ERROR_FUNCTION_NOT_FOUND, so a caller disables only that check.
/// Versioned exports are preferred (docs/design/gpu-health.md §2): the unversioned ones are the old ABI.
/// NVML is thread-safe (nvml.h), so one instance serves the poll worker and the event thread.
/// It is never unloaded: a thread abandoned by a watchdog may still be inside it, and unmapping code under a
/// running thread would crash the daemon.
/// </summary>
internal sealed unsafe partial class NvmlLibrary
{
    private readonly nint _handle;
    private readonly List<string> _fallbacks = [];

    private NvmlLibrary(nint handle, string path)
    {
        _handle = handle;
        Path = path;
        _init = (delegate* unmanaged<int>)Bind(out InitName, "nvmlInit_v2", "nvmlInit");
        _shutdown = (delegate* unmanaged<int>)Bind(out _, "nvmlShutdown");
        _errorString = (delegate* unmanaged<int, byte*>)Bind(out _, "nvmlErrorString");
        BindDevice();
        BindEvents();
    }

    /// <summary>The path or soname it was loaded from.</summary>
    public string Path { get; }

    /// <summary>Which init export is bound: "nvmlInit_v2", or "nvmlInit" on a driver that predates it.</summary>
    public readonly string InitName;

    /// <summary>"nvmlEventSetWait (nvmlEventSetWait_v2 missing)": older entry points bound instead of newer ones.</summary>
    public IReadOnlyList<string> Fallbacks => _fallbacks;

    /// <summary>
    /// Loads NVML from <paramref name="path"/> (the <c>nvml_library</c> override) or by soname. Null, with an
    /// actionable <paramref name="error"/>, when it will not load: NVML_ERROR_LIBRARY_NOT_FOUND, never a crash.
    /// </summary>
    public static NvmlLibrary? TryLoad(string? path, out string? error)
    {
        string name = path ?? Interop.Nvml.LibraryName;
        if (!NativeLibrary.TryLoad(name, out nint handle))
        {
            error = path is null
                ? $"NVML not found: {name} (install the NVIDIA driver or set nvml_library)"
                : $"NVML not found: {name} (check nvml_library)";
            return null;
        }
        error = null;
        return new NvmlLibrary(handle, name);
    }

    private readonly delegate* unmanaged<int> _init;
    private readonly delegate* unmanaged<int> _shutdown;
    private readonly delegate* unmanaged<int, byte*> _errorString;

    public int Init() => _init == null ? Interop.Nvml.NVML_ERROR_FUNCTION_NOT_FOUND : _init();

    /// <summary>Init is ref-counted by NVML: every successful <see cref="Init"/> needs one Shutdown.</summary>
    public int Shutdown() => _shutdown == null ? Interop.Nvml.NVML_ERROR_FUNCTION_NOT_FOUND : _shutdown();

    /// <summary>nvmlErrorString's static text ("GPU is lost"), or the code when the export is missing.</summary>
    public string ErrorString(int result)
    {
        if (result == Interop.Nvml.NVML_ERROR_FUNCTION_NOT_FOUND)
            return "Function Not Found";
        byte* text = _errorString == null ? null : _errorString(result);
        return text == null ? $"NVML error {result}" : Marshal.PtrToStringUTF8((nint)text) ?? $"NVML error {result}";
    }

    /// <summary>The first of <paramref name="names"/> the library exports, or null; records a fallback.</summary>
    private void* Bind(out string bound, params string[] names)
    {
        foreach (string name in names)
        {
            if (NativeLibrary.TryGetExport(_handle, name, out nint address))
            {
                bound = name;
                if (name != names[0])
                    _fallbacks.Add($"{name} ({names[0]} missing)");
                return (void*)address;
            }
        }
        bound = names[0];
        return null;
    }
}
