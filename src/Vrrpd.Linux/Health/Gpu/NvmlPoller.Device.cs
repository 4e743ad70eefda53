using System.Globalization;
using Vrrpd.Health;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>The checks on one GPU once its handle is known.</summary>
internal sealed partial class NvmlPoller
{
    /// <summary>True when the GPU passed every check that ran.</summary>
    private bool PollDevice(GpuSelector selector, DeviceState state, nint device, PollReport report)
    {
        if (!state.IdentityKnown && !LearnIdentity(selector, state, device, report))
            return false;
        state.Seen = true;
        string label = directory.Label(selector);
        string key = selector.Key;
        int problems = report.Problems.Count;

        // Liveness: memory info must answer (metrics only otherwise: a full GPU is a busy GPU).
        worker.Enter("nvmlDeviceGetMemoryInfo");
        int rc = nvml.DeviceGetMemoryInfo(device, out var memory);
        if (rc != Interop.Nvml.NVML_SUCCESS && !Disabled(rc, selector, label, "memory", "nvmlDeviceGetMemoryInfo"))
            return Problem(report, state, label, "nvmlDeviceGetMemoryInfo", rc);
        if (rc == Interop.Nvml.NVML_SUCCESS)
        {
            report.Measurements.Add(new("memory_used_bytes", memory.used, key));
            report.Measurements.Add(new("memory_total_bytes", memory.total, key));
        }

        if (!CheckTemperature(selector, state, device, label, report))
            return false;
        ReadMetrics(selector, state, device, label, report);
        if (SlowChecksDue(state))
        {
            CheckEcc(selector, state, device, label, report);
            CheckRemappedRows(selector, state, device, label, report);
        }
        return report.Problems.Count == problems;
    }

    /// <summary>UUID for names, PCI address for the kernel log and the CUDA probe; read once.</summary>
    private bool LearnIdentity(GpuSelector selector, DeviceState state, nint device, PollReport report)
    {
        string label = directory.Label(selector);
        worker.Enter("nvmlDeviceGetUUID");
        int rc = nvml.DeviceGetUUID(device, out string uuid);
        if (rc != Interop.Nvml.NVML_SUCCESS && !Disabled(rc, selector, label, "identity", "nvmlDeviceGetUUID"))
            return Problem(report, state, label, "nvmlDeviceGetUUID", rc);
        PciAddress? pci = null;
        worker.Enter("nvmlDeviceGetPciInfo_v3");
        int pciResult = nvml.DeviceGetPciInfo(device, out var info);
        if (pciResult == Interop.Nvml.NVML_SUCCESS)
            pci = new PciAddress((int)info.domain, (int)info.bus, (int)info.device);
        else if (!Disabled(pciResult, selector, label, "PCI bus id (kernel-log Xid mapping, CUDA probe)", "nvmlDeviceGetPciInfo_v3"))
            return Problem(report, state, label, "nvmlDeviceGetPciInfo_v3", pciResult);
        directory.Learn(selector, uuid.Length == 0 ? null : uuid, pci);
        state.IdentityKnown = true;
        return true;
    }

    /// <summary>The liveness ping of docs/design/gpu-health.md §7, and the over-temperature failure (subject to fall).</summary>
    private bool CheckTemperature(GpuSelector selector, DeviceState state, nint device, string label, PollReport report)
    {
        if (switches.IsDisabled(selector.Key, "temperature"))
            return true;
        worker.Enter("nvmlDeviceGetTemperature");
        int rc = nvml.DeviceGetTemperature(device, out int celsius);
        if (rc != Interop.Nvml.NVML_SUCCESS)
            return Disabled(rc, selector, label, "temperature", "nvmlDeviceGetTemperature")
                || Problem(report, state, label, "nvmlDeviceGetTemperature", rc);
        report.Measurements.Add(new("temperature_celsius", celsius, selector.Key));

        if (!state.LimitResolved)
            ResolveTemperatureLimit(selector, state, device, label);
        if (state.LimitCelsius is int limit && celsius >= limit)
            report.Failed($"{label}: temperature {celsius} °C reached {limit} °C ({state.LimitSource})", new CheckFacts(selector.Index));
        return true;
    }

    /// <summary><c>max_temperature</c>, else the GPU's own slowdown threshold, read once.</summary>
    private void ResolveTemperatureLimit(GpuSelector selector, DeviceState state, nint device, string label)
    {
        state.LimitResolved = true;
        if (config.MaxTemperature is int configured)
        {
            (state.LimitCelsius, state.LimitSource) = (configured, "max_temperature");
            return;
        }
        worker.Enter("nvmlDeviceGetTemperatureThreshold");
        int rc = nvml.DeviceGetTemperatureThreshold(device, Interop.Nvml.NVML_TEMPERATURE_THRESHOLD_SLOWDOWN, out uint slowdown);
        if (rc == Interop.Nvml.NVML_SUCCESS)
            (state.LimitCelsius, state.LimitSource) = ((int)slowdown, "the GPU's slowdown threshold");
        else
            switches.Disable(selector.Key, label, "over-temperature (set max_temperature)", "nvmlDeviceGetTemperatureThreshold",
                rc == Interop.Nvml.NVML_ERROR_FUNCTION_NOT_FOUND ? rc : Interop.Nvml.NVML_ERROR_NOT_SUPPORTED, nvml.ErrorString(rc));
    }

    /// <summary>Utilization and power: readings only. Only a lost GPU or a required reset counts here.</summary>
    private void ReadMetrics(GpuSelector selector, DeviceState state, nint device, string label, PollReport report)
    {
        if (!switches.IsDisabled(selector.Key, "utilization"))
        {
            worker.Enter("nvmlDeviceGetUtilizationRates");
            int rc = nvml.DeviceGetUtilizationRates(device, out var utilization);
            if (rc == Interop.Nvml.NVML_SUCCESS)
            {
                report.Measurements.Add(new("utilization_percent", utilization.gpu, selector.Key));
                report.Measurements.Add(new("memory_utilization_percent", utilization.memory, selector.Key));
            }
            else
                MetricError(selector, state, label, "utilization", "nvmlDeviceGetUtilizationRates", rc, report);
        }
        if (!switches.IsDisabled(selector.Key, "power"))
        {
            worker.Enter("nvmlDeviceGetPowerUsage");
            int rc = nvml.DeviceGetPowerUsage(device, out uint milliwatts);
            if (rc == Interop.Nvml.NVML_SUCCESS)
                report.Measurements.Add(new("power_watts", milliwatts / 1000.0, selector.Key));
            else
                MetricError(selector, state, label, "power", "nvmlDeviceGetPowerUsage", rc, report);
        }
    }

    private void MetricError(GpuSelector selector, DeviceState state, string label, string check, string call, int rc, PollReport report)
    {
        if (Disabled(rc, selector, label, check, call))
            return;
        if (NvmlErrorPolicy.Classify(rc) is NvmlErrorClass.FatalLatched or NvmlErrorClass.Fatal)
            Problem(report, state, label, call, rc);
    }

    /// <summary>Any increase of the volatile uncorrected ECC total is fatal (DCGM MEM: volatile DBE > 0 → FAIL).</summary>
    private void CheckEcc(GpuSelector selector, DeviceState state, nint device, string label, PollReport report)
    {
        if (switches.IsDisabled(selector.Key, "ECC"))
            return;
        worker.Enter("nvmlDeviceGetTotalEccErrors");
        int rc = nvml.DeviceGetTotalEccErrors(device, Interop.Nvml.NVML_MEMORY_ERROR_TYPE_UNCORRECTED, Interop.Nvml.NVML_VOLATILE_ECC, out ulong total);
        if (rc != Interop.Nvml.NVML_SUCCESS)
        {
            if (!Disabled(rc, selector, label, "ECC", "nvmlDeviceGetTotalEccErrors"))
                Problem(report, state, label, "nvmlDeviceGetTotalEccErrors", rc);
            return;
        }
        report.Measurements.Add(new("ecc_uncorrected_volatile_total", total, selector.Key));
        if (state.EccUncorrected is ulong before && total > before)
            report.Fatal($"{label}: volatile uncorrected ECC errors rose from {before} to {total}", latch: true, new CheckFacts(selector.Index));
        state.EccUncorrected = total;
    }

    /// <summary>A row-remap failure is fatal (DCGM MEM FAIL); pending remaps are a reading (they apply at reset).</summary>
    private void CheckRemappedRows(GpuSelector selector, DeviceState state, nint device, string label, PollReport report)
    {
        if (switches.IsDisabled(selector.Key, "row-remap"))
            return;
        worker.Enter("nvmlDeviceGetRemappedRows");
        int rc = nvml.DeviceGetRemappedRows(device, out _, out uint uncorrectable, out uint pending, out uint failure);
        if (rc != Interop.Nvml.NVML_SUCCESS)
        {
            if (!Disabled(rc, selector, label, "row-remap", "nvmlDeviceGetRemappedRows"))
                Problem(report, state, label, "nvmlDeviceGetRemappedRows", rc);
            return;
        }
        report.Measurements.Add(new("remapped_rows_pending", pending, selector.Key));
        if (failure != 0)
            report.Fatal($"{label}: row remapping failed ({uncorrectable.ToString(CultureInfo.InvariantCulture)} uncorrectable rows)", latch: true, new CheckFacts(selector.Index));
    }

    /// <summary>NOT_SUPPORTED or FUNCTION_NOT_FOUND: switches the sub-check off (logged once) and returns true.</summary>
    private bool Disabled(int rc, GpuSelector selector, string label, string check, string call)
    {
        if (NvmlErrorPolicy.Classify(rc) != NvmlErrorClass.Disable)
            return false;
        switches.Disable(selector.Key, label, check, call, rc, nvml.ErrorString(rc));
        return true;
    }
}
