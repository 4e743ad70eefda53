using System.Runtime.InteropServices;
using System.Text;

namespace Vrrpd.Linux;

/// <summary>Device queries (nvml.h "Device Queries"), signatures as in docs/design/gpu-health.md §3.</summary>
internal sealed unsafe partial class NvmlLibrary
{
    private delegate* unmanaged<uint*, int> _deviceGetCount;
    private delegate* unmanaged<uint, nint*, int> _deviceGetHandleByIndex;
    private delegate* unmanaged<byte*, nint*, int> _deviceGetHandleByUUID;
    private delegate* unmanaged<nint, byte*, uint, int> _deviceGetUUID;
    private delegate* unmanaged<nint, Interop.Nvml.nvmlPciInfo_t*, int> _deviceGetPciInfo;
    private delegate* unmanaged<nint, Interop.Nvml.nvmlTemperature_v1_t*, int> _deviceGetTemperatureV;
    private delegate* unmanaged<nint, int, uint*, int> _deviceGetTemperature;
    private delegate* unmanaged<nint, int, uint*, int> _deviceGetTemperatureThreshold;
    private delegate* unmanaged<nint, Interop.Nvml.nvmlMemory_t*, int> _deviceGetMemoryInfo;
    private delegate* unmanaged<nint, Interop.Nvml.nvmlUtilization_t*, int> _deviceGetUtilizationRates;
    private delegate* unmanaged<nint, uint*, int> _deviceGetPowerUsage;
    private delegate* unmanaged<nint, int, int, ulong*, int> _deviceGetTotalEccErrors;
    private delegate* unmanaged<nint, uint*, uint*, uint*, uint*, int> _deviceGetRemappedRows;
    private delegate* unmanaged<nint, int, Interop.Nvml.nvmlFieldValue_t*, int> _deviceGetFieldValues;

    /// <summary>Which count export is bound ("nvmlDeviceGetCount_v2" unless the driver predates it).</summary>
    public string DeviceGetCountName { get; private set; } = "";

    /// <summary>Which handle-by-index export is bound.</summary>
    public string DeviceGetHandleByIndexName { get; private set; } = "";

    private void BindDevice()
    {
        _deviceGetCount = (delegate* unmanaged<uint*, int>)Bind(out string count, "nvmlDeviceGetCount_v2", "nvmlDeviceGetCount");
        DeviceGetCountName = count;
        _deviceGetHandleByIndex = (delegate* unmanaged<uint, nint*, int>)Bind(out string byIndex, "nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetHandleByIndex");
        DeviceGetHandleByIndexName = byIndex;
        _deviceGetHandleByUUID = (delegate* unmanaged<byte*, nint*, int>)Bind(out _, "nvmlDeviceGetHandleByUUID");
        _deviceGetUUID = (delegate* unmanaged<nint, byte*, uint, int>)Bind(out _, "nvmlDeviceGetUUID");
        // The v1/v2 nvmlPciInfo_t layouts differ: only v3 is bound, and without it PCI ids are unknown.
        _deviceGetPciInfo = (delegate* unmanaged<nint, Interop.Nvml.nvmlPciInfo_t*, int>)Bind(out _, "nvmlDeviceGetPciInfo_v3");
        _deviceGetTemperatureV = (delegate* unmanaged<nint, Interop.Nvml.nvmlTemperature_v1_t*, int>)Bind(out _, "nvmlDeviceGetTemperatureV");
        _deviceGetTemperature = (delegate* unmanaged<nint, int, uint*, int>)Bind(out _, "nvmlDeviceGetTemperature");
        _deviceGetTemperatureThreshold = (delegate* unmanaged<nint, int, uint*, int>)Bind(out _, "nvmlDeviceGetTemperatureThreshold");
        _deviceGetMemoryInfo = (delegate* unmanaged<nint, Interop.Nvml.nvmlMemory_t*, int>)Bind(out _, "nvmlDeviceGetMemoryInfo");
        _deviceGetUtilizationRates = (delegate* unmanaged<nint, Interop.Nvml.nvmlUtilization_t*, int>)Bind(out _, "nvmlDeviceGetUtilizationRates");
        _deviceGetPowerUsage = (delegate* unmanaged<nint, uint*, int>)Bind(out _, "nvmlDeviceGetPowerUsage");
        _deviceGetTotalEccErrors = (delegate* unmanaged<nint, int, int, ulong*, int>)Bind(out _, "nvmlDeviceGetTotalEccErrors");
        _deviceGetRemappedRows = (delegate* unmanaged<nint, uint*, uint*, uint*, uint*, int>)Bind(out _, "nvmlDeviceGetRemappedRows");
        _deviceGetFieldValues = (delegate* unmanaged<nint, int, Interop.Nvml.nvmlFieldValue_t*, int>)Bind(out _, "nvmlDeviceGetFieldValues");
    }

    private const int Missing = Interop.Nvml.NVML_ERROR_FUNCTION_NOT_FOUND;

    public int DeviceGetCount(out uint count)
    {
        uint value = 0;
        int rc = _deviceGetCount == null ? Missing : _deviceGetCount(&value);
        count = value;
        return rc;
    }

    public int DeviceGetHandleByIndex(uint index, out nint device)
    {
        nint value = 0;
        int rc = _deviceGetHandleByIndex == null ? Missing : _deviceGetHandleByIndex(index, &value);
        device = value;
        return rc;
    }

    public int DeviceGetHandleByUUID(string uuid, out nint device)
    {
        nint value = 0;
        int rc = Missing;
        if (_deviceGetHandleByUUID != null)
        {
            byte[] text = Encoding.UTF8.GetBytes(uuid + "\0");
            fixed (byte* p = text)
                rc = _deviceGetHandleByUUID(p, &value);
        }
        device = value;
        return rc;
    }

    /// <summary>"GPU-5f1c…" (or "MIG-…").</summary>
    public int DeviceGetUUID(nint device, out string uuid)
    {
        uuid = "";
        if (_deviceGetUUID == null)
            return Missing;
        byte* buffer = stackalloc byte[Interop.Nvml.NVML_DEVICE_UUID_V2_BUFFER_SIZE];
        int rc = _deviceGetUUID(device, buffer, Interop.Nvml.NVML_DEVICE_UUID_V2_BUFFER_SIZE);
        if (rc == Interop.Nvml.NVML_SUCCESS)
            uuid = Marshal.PtrToStringUTF8((nint)buffer) ?? "";
        return rc;
    }

    public int DeviceGetPciInfo(nint device, out Interop.Nvml.nvmlPciInfo_t pci)
    {
        Interop.Nvml.nvmlPciInfo_t value = default;
        int rc = _deviceGetPciInfo == null ? Missing : _deviceGetPciInfo(device, &value);
        pci = value;
        return rc;
    }

    /// <summary>The GPU die temperature in °C: GetTemperatureV (NVML ≥ 12.8) or the classic GetTemperature.</summary>
    public int DeviceGetTemperature(nint device, out int celsius)
    {
        celsius = 0;
        if (_deviceGetTemperatureV != null)
        {
            var value = new Interop.Nvml.nvmlTemperature_v1_t { version = Interop.Nvml.nvmlTemperature_v1, sensorType = Interop.Nvml.NVML_TEMPERATURE_GPU };
            int rcV = _deviceGetTemperatureV(device, &value);
            celsius = value.temperature;
            return rcV;
        }
        uint classic = 0;
        int rc = _deviceGetTemperature == null ? Missing : _deviceGetTemperature(device, Interop.Nvml.NVML_TEMPERATURE_GPU, &classic);
        celsius = (int)classic;
        return rc;
    }

    public int DeviceGetTemperatureThreshold(nint device, int thresholdType, out uint celsius)
    {
        uint value = 0;
        int rc = _deviceGetTemperatureThreshold == null ? Missing : _deviceGetTemperatureThreshold(device, thresholdType, &value);
        celsius = value;
        return rc;
    }

    public int DeviceGetMemoryInfo(nint device, out Interop.Nvml.nvmlMemory_t memory)
    {
        Interop.Nvml.nvmlMemory_t value = default;
        int rc = _deviceGetMemoryInfo == null ? Missing : _deviceGetMemoryInfo(device, &value);
        memory = value;
        return rc;
    }

    public int DeviceGetUtilizationRates(nint device, out Interop.Nvml.nvmlUtilization_t utilization)
    {
        Interop.Nvml.nvmlUtilization_t value = default;
        int rc = _deviceGetUtilizationRates == null ? Missing : _deviceGetUtilizationRates(device, &value);
        utilization = value;
        return rc;
    }

    /// <summary>Power draw in milliwatts.</summary>
    public int DeviceGetPowerUsage(nint device, out uint milliwatts)
    {
        uint value = 0;
        int rc = _deviceGetPowerUsage == null ? Missing : _deviceGetPowerUsage(device, &value);
        milliwatts = value;
        return rc;
    }

    public int DeviceGetTotalEccErrors(nint device, int errorType, int counterType, out ulong count)
    {
        ulong value = 0;
        int rc = _deviceGetTotalEccErrors == null ? Missing : _deviceGetTotalEccErrors(device, errorType, counterType, &value);
        count = value;
        return rc;
    }

    public int DeviceGetRemappedRows(nint device, out uint corrRows, out uint uncRows, out uint isPending, out uint failureOccurred)
    {
        uint corr = 0, unc = 0, pending = 0, failure = 0;
        int rc = _deviceGetRemappedRows == null ? Missing : _deviceGetRemappedRows(device, &corr, &unc, &pending, &failure);
        (corrRows, uncRows, isPending, failureOccurred) = (corr, unc, pending, failure);
        return rc;
    }

    /// <summary>Fills <paramref name="values"/> (fieldId set by the caller); check each entry's nvmlReturn.</summary>
    public int DeviceGetFieldValues(nint device, Span<Interop.Nvml.nvmlFieldValue_t> values)
    {
        if (_deviceGetFieldValues == null)
            return Missing;
        fixed (Interop.Nvml.nvmlFieldValue_t* p = values)
            return _deviceGetFieldValues(device, values.Length, p);
    }
}
