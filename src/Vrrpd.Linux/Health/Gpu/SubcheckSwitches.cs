namespace Vrrpd.Linux.Health.Gpu;

/// <summary>
/// Sub-checks switched off because the driver cannot do them (NOT_SUPPORTED on this SKU or mode, or an export an
/// older NVML lacks): each is logged once, and the rest of the GPU's checks go on (docs/design/gpu-health.md §4, §9).
/// </summary>
internal sealed class SubcheckSwitches(Action<string> log)
{
    private readonly HashSet<string> _disabled = [];
    private readonly Lock _lock = new();

    /// <summary>True when <paramref name="check"/> is off for this GPU or for every GPU.</summary>
    public bool IsDisabled(string deviceKey, string check)
    {
        lock (_lock)
            return _disabled.Contains("*/" + check) || _disabled.Contains(deviceKey + "/" + check);
    }

    /// <summary>Turns a check off (for every GPU when the export is missing, else for one) and logs it once.</summary>
    public void Disable(string deviceKey, string deviceLabel, string check, string call, int result, string error)
    {
        bool everyGpu = result == Interop.Nvml.NVML_ERROR_FUNCTION_NOT_FOUND;
        string key = (everyGpu ? "*" : deviceKey) + "/" + check;
        lock (_lock)
        {
            if (!_disabled.Add(key))
                return;
        }
        log(everyGpu
            ? $"NVML has no {call} (older driver): {check} check disabled for every GPU"
            : $"{deviceLabel}: {call}: {error}: {check} check disabled");
    }

    public IReadOnlyList<string> Disabled
    {
        get
        {
            lock (_lock)
                return [.. _disabled.Order(StringComparer.Ordinal)];
        }
    }
}
