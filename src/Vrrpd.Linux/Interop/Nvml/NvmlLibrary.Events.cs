namespace Vrrpd.Linux;

/// <summary>The event API (docs/design/gpu-health.md §5): register Xid and ECC events, wait for them on a dedicated thread.</summary>
internal sealed unsafe partial class NvmlLibrary
{
    private delegate* unmanaged<nint*, int> _eventSetCreate;
    private delegate* unmanaged<nint, ulong*, int> _deviceGetSupportedEventTypes;
    private delegate* unmanaged<nint, ulong, nint, int> _deviceRegisterEvents;
    private delegate* unmanaged<nint, Interop.Nvml.nvmlEventData_t*, uint, int> _eventSetWait;
    private delegate* unmanaged<nint, int> _eventSetFree;

    /// <summary>"nvmlEventSetWait_v2", or "nvmlEventSetWait" on an older driver (DCGM's fallback).</summary>
    public string EventSetWaitName { get; private set; } = "";

    private void BindEvents()
    {
        _eventSetCreate = (delegate* unmanaged<nint*, int>)Bind(out _, "nvmlEventSetCreate");
        _deviceGetSupportedEventTypes = (delegate* unmanaged<nint, ulong*, int>)Bind(out _, "nvmlDeviceGetSupportedEventTypes");
        _deviceRegisterEvents = (delegate* unmanaged<nint, ulong, nint, int>)Bind(out _, "nvmlDeviceRegisterEvents");
        // The classic wait fills the first 24 bytes of the same struct (no MIG ids): binding it is safe.
        _eventSetWait = (delegate* unmanaged<nint, Interop.Nvml.nvmlEventData_t*, uint, int>)Bind(out string wait, "nvmlEventSetWait_v2", "nvmlEventSetWait");
        EventSetWaitName = wait;
        _eventSetFree = (delegate* unmanaged<nint, int>)Bind(out _, "nvmlEventSetFree");
    }

    public int EventSetCreate(out nint set)
    {
        nint value = 0;
        int rc = _eventSetCreate == null ? Missing : _eventSetCreate(&value);
        set = value;
        return rc;
    }

    public int DeviceGetSupportedEventTypes(nint device, out ulong eventTypes)
    {
        ulong value = 0;
        int rc = _deviceGetSupportedEventTypes == null ? Missing : _deviceGetSupportedEventTypes(device, &value);
        eventTypes = value;
        return rc;
    }

    /// <summary>Linux only; records events after the call.</summary>
    public int DeviceRegisterEvents(nint device, ulong eventTypes, nint set) =>
        _deviceRegisterEvents == null ? Missing : _deviceRegisterEvents(device, eventTypes, set);

    /// <summary>Returns at once if an event is queued, else sleeps up to <paramref name="timeoutMilliseconds"/>; TIMEOUT = none.</summary>
    public int EventSetWait(nint set, out Interop.Nvml.nvmlEventData_t data, uint timeoutMilliseconds)
    {
        Interop.Nvml.nvmlEventData_t value = default;
        int rc = _eventSetWait == null ? Missing : _eventSetWait(set, &value, timeoutMilliseconds);
        data = value;
        return rc;
    }

    public int EventSetFree(nint set) => _eventSetFree == null ? Missing : _eventSetFree(set);
}
