namespace Vrrpd.Linux.Health.Gpu;

/// <summary>
/// The dedicated thread of docs/design/gpu-health.md §5: registers XidCriticalError | DoubleBitEccError (ANDed with what
/// each GPU supports) on one event set and waits in nvmlEventSetWait_v2, <c>waitTimeout</c> at a time so it can
/// stop. It costs nothing while waiting and reports an Xid the moment the driver raises it, which the poll
/// cannot. Setup is retried until it works (NVML may not be ready when the daemon starts).
/// </summary>
internal sealed class NvmlEventListener(
    NvmlLibrary nvml, IReadOnlyList<GpuSelector>? selectors, GpuDirectory directory, Action<string> log, TimeSpan waitTimeout,
    Action<GpuSelector, int> onXid, Action<GpuSelector, string> onDoubleBitEcc, Action<string> onGpuLost) : IDisposable
{
    private const ulong WantedEvents = Interop.Nvml.nvmlEventTypeXidCriticalError | Interop.Nvml.nvmlEventTypeDoubleBitEccError;

    private readonly ManualResetEventSlim _stop = new();
    private readonly Dictionary<nint, GpuSelector> _registered = [];
    private readonly HashSet<string> _logged = [];
    private Thread? _thread;
    private nint _set;
    private volatile bool _listening;

    /// <summary>Set up and waiting: Xids raised from now on are heard.</summary>
    public bool Listening => _listening;

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "nvml-events" };
        _thread.Start();
    }

    private void Run()
    {
        while (!_stop.IsSet)
        {
            if (Setup())
            {
                _listening = true;
                Wait();
                return;
            }
            _stop.Wait(waitTimeout);
        }
    }

    /// <summary>Init, create the set, register every watched GPU that supports the events.</summary>
    private bool Setup()
    {
        int rc = nvml.Init();
        if (rc != Interop.Nvml.NVML_SUCCESS)
            return LogOnce("init", $"NVML events: {nvml.InitName}: {nvml.ErrorString(rc)} ({rc}); retrying");
        if ((rc = nvml.EventSetCreate(out _set)) != Interop.Nvml.NVML_SUCCESS)
        {
            nvml.Shutdown();
            return LogOnce("create", $"NVML events: nvmlEventSetCreate: {nvml.ErrorString(rc)} ({rc}); retrying");
        }
        nvml.DeviceGetCount(out uint count);
        foreach (var selector in selectors ?? [.. Enumerable.Range(0, (int)count).Select(GpuSelector.ByIndex)])
            Register(selector);
        if (_registered.Count == 0)
            LogOnce("none", "NVML events: no watched GPU could register Xid events; the kernel log is the only Xid source");
        return true;
    }

    private void Register(GpuSelector selector)
    {
        int rc = selector.Index is int index
            ? nvml.DeviceGetHandleByIndex((uint)index, out nint device)
            : nvml.DeviceGetHandleByUUID(selector.Uuid!, out device);
        string label = directory.Label(selector);
        if (rc == Interop.Nvml.NVML_SUCCESS
            && (rc = nvml.DeviceGetSupportedEventTypes(device, out ulong supported)) == Interop.Nvml.NVML_SUCCESS)
            rc = nvml.DeviceRegisterEvents(device, WantedEvents & supported, _set);
        if (rc != Interop.Nvml.NVML_SUCCESS)
        {
            LogOnce("register " + selector.Key, $"{label}: no NVML Xid events ({nvml.ErrorString(rc)}, {rc}); polling and the kernel log remain");
            return;
        }
        _registered[device] = selector;
    }

    private void Wait()
    {
        bool lostReported = false;
        while (!_stop.IsSet)
        {
            int rc = nvml.EventSetWait(_set, out var data, (uint)waitTimeout.TotalMilliseconds);
            switch (rc)
            {
                case Interop.Nvml.NVML_SUCCESS:
                    lostReported = false;
                    Dispatch(data);
                    break;
                case Interop.Nvml.NVML_ERROR_TIMEOUT:
                    lostReported = false;
                    break;
                case Interop.Nvml.NVML_ERROR_GPU_IS_LOST:
                    // The wait says a GPU fell off the bus but not which one: the poll names it.
                    if (!lostReported)
                        onGpuLost($"{nvml.EventSetWaitName}: {nvml.ErrorString(rc)} ({rc})");
                    lostReported = true;
                    _stop.Wait(waitTimeout);
                    break;
                default:
                    LogOnce("wait " + rc, $"NVML events: {nvml.EventSetWaitName}: {nvml.ErrorString(rc)} ({rc})");
                    _stop.Wait(waitTimeout);
                    break;
            }
        }
    }

    private void Dispatch(in Interop.Nvml.nvmlEventData_t data)
    {
        if (!_registered.TryGetValue(data.device, out var selector))
            return;
        if ((data.eventType & Interop.Nvml.nvmlEventTypeXidCriticalError) != 0)
            onXid(selector, (int)data.eventData);
        else if ((data.eventType & Interop.Nvml.nvmlEventTypeDoubleBitEccError) != 0)
            onDoubleBitEcc(selector, "double-bit ECC error event");
    }

    private bool LogOnce(string key, string message)
    {
        if (_logged.Add(key))
            log(message);
        return false;
    }

    /// <summary>Stops within one wait timeout; the set is freed only once the thread has left the wait.</summary>
    public void Dispose()
    {
        _stop.Set();
        if (_thread is null || !_thread.Join(waitTimeout + TimeSpan.FromSeconds(1)))
            return;
        if (_set != 0)
        {
            nvml.EventSetFree(_set);
            nvml.Shutdown();
        }
    }
}
