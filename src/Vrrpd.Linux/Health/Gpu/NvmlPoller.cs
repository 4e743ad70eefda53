using Vrrpd.Health;
using System.Diagnostics;
using Vrrpd.Configuration;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>
/// One poll of every watched GPU through NVML, run on the <see cref="NvmlWorker"/> thread only (so its state
/// needs no locks): the GPUs the configuration expects are present and answer (count, handle, memory info,
/// temperature), then the slower counters (ECC, row remapping) at their own cadence.
/// Decides: GPU_IS_LOST / RESET_REQUIRED on any call, a GPU gone after it was seen, a rise in volatile
/// uncorrected ECC errors and a row-remap failure are fatal and latched; over-temperature and other errors are
/// failures; utilization, memory used and power are readings only (busy is not broken).
/// </summary>
internal sealed partial class NvmlPoller(
    NvmlLibrary nvml, GpuTrackerConfig config, NvmlWorker worker, GpuDirectory directory, SubcheckSwitches switches,
    TimeSpan slowCheckInterval)
{
    private readonly IReadOnlyList<GpuSelector>? _selectors = GpuSelector.FromConfig(config);
    private readonly Dictionary<string, DeviceState> _states = [];
    private bool _initialized;
    private uint _highestCount;

    public PollReport Poll()
    {
        var report = new PollReport();
        if (!_initialized)
        {
            worker.Enter(nvml.InitName);
            int rc = nvml.Init();
            if (rc != Interop.Nvml.NVML_SUCCESS)
            {
                Problem(report, null, "NVML", nvml.InitName, rc);
                return report;
            }
            _initialized = true;
        }

        worker.Enter(nvml.DeviceGetCountName);
        int countResult = nvml.DeviceGetCount(out uint count);
        if (countResult != Interop.Nvml.NVML_SUCCESS)
        {
            Problem(report, null, "NVML", nvml.DeviceGetCountName, countResult);
            return report;
        }
        report.Measurements.Add(new("gpu_count", count));
        _highestCount = Math.Max(_highestCount, count);
        if (_selectors is null && _highestCount == 0)
            report.Failed("no GPUs found (NVML reports 0)");

        var selectors = _selectors ?? [.. Enumerable.Range(0, (int)_highestCount).Select(GpuSelector.ByIndex)];
        foreach (var selector in selectors)
        {
            var state = StateOf(selector);
            if (!TryGetHandle(selector, state, count, report, out nint device))
                continue;
            if (PollDevice(selector, state, device, report))
            {
                state.UnknownErrors = 0;
                report.HealthyDevices++;
            }
        }
        return report;
    }

    private DeviceState StateOf(GpuSelector selector)
    {
        if (!_states.TryGetValue(selector.Key, out var state))
            _states[selector.Key] = state = new DeviceState { Index = selector.Index };
        return state;
    }

    /// <summary>The handle by index or UUID; a GPU that was seen and is now gone is fatal (AKS GPUMissing).</summary>
    private bool TryGetHandle(GpuSelector selector, DeviceState state, uint count, PollReport report, out nint device)
    {
        device = 0;
        string label = directory.Label(selector);
        if (selector.Index is int index)
        {
            if (index >= count)
            {
                if (state.Seen)
                    report.Fatal($"{label}: gone (NVML sees {count} GPUs)", latch: true, new CheckFacts(index));
                else
                    report.Failed($"{label}: not present (NVML sees {count} GPUs)", new CheckFacts(index));
                return false;
            }
            worker.Enter(nvml.DeviceGetHandleByIndexName);
            int rc = nvml.DeviceGetHandleByIndex((uint)index, out device);
            return rc == Interop.Nvml.NVML_SUCCESS || Problem(report, state, label, nvml.DeviceGetHandleByIndexName, rc);
        }

        worker.Enter("nvmlDeviceGetHandleByUUID");
        int byUuid = nvml.DeviceGetHandleByUUID(selector.Uuid!, out device);
        if (byUuid == Interop.Nvml.NVML_ERROR_NOT_FOUND)
        {
            if (state.Seen)
                report.Fatal($"{label}: gone (nvmlDeviceGetHandleByUUID: {nvml.ErrorString(byUuid)})", latch: true);
            else
                report.Failed($"{label}: not present (nvmlDeviceGetHandleByUUID: {nvml.ErrorString(byUuid)})");
            return false;
        }
        return byUuid == Interop.Nvml.NVML_SUCCESS || Problem(report, state, label, "nvmlDeviceGetHandleByUUID", byUuid);
    }

    /// <summary>
    /// Records a failed call in <paramref name="report"/> as its class says (docs/design/gpu-health.md §4) and returns false.
    /// A "disable" class is left to the caller, which knows the sub-check.
    /// </summary>
    private bool Problem(PollReport report, DeviceState? state, string label, string call, int result)
    {
        string reason = $"{label}: {call}: {nvml.ErrorString(result)} ({result})";
        CheckFacts? facts = state?.Index is { } index ? new CheckFacts(index) : null;
        switch (NvmlErrorPolicy.Classify(result))
        {
            case NvmlErrorClass.FatalLatched:
                report.Fatal(reason, latch: true, facts);
                break;
            case NvmlErrorClass.Fatal:
                report.Fatal(reason, latch: false, facts);
                break;
            case NvmlErrorClass.Unknown when state is not null && ++state.UnknownErrors >= NvmlErrorPolicy.UnknownErrorsBeforeFatal:
                report.Fatal($"{reason}, {state.UnknownErrors} times in a row", latch: true, facts);
                break;
            default:
                report.Failed(reason, facts);
                break;
        }
        return false;
    }

    private bool SlowChecksDue(DeviceState state)
    {
        if (state.LastSlowCheck != 0 && Stopwatch.GetElapsedTime(state.LastSlowCheck) < slowCheckInterval)
            return false;
        state.LastSlowCheck = Stopwatch.GetTimestamp();
        return true;
    }

    /// <summary>Per-GPU memory of the poller: what was seen, baselines, the temperature limit.</summary>
    private sealed class DeviceState
    {
        public int? Index;   // the GPU's NVML index, for the facts of its results
        public bool Seen;
        public bool IdentityKnown;
        public bool LimitResolved;
        public int? LimitCelsius;
        public string LimitSource = "";
        public ulong? EccUncorrected;
        public int UnknownErrors;
        public long LastSlowCheck;
    }
}
