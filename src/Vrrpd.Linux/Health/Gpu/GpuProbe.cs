using System.Globalization;
using Vrrpd.Configuration;
using Vrrpd.Health;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>
/// <c>vrrp_track_gpu</c>'s probe. Polls NVML on a worker thread under a watchdog (<see cref="NvmlPoller"/>), hears
/// Xids as they happen from NVML events and the kernel log, and optionally runs the CUDA probe in a child.
/// What it decides (the tracker applies rise/fall/weight and holds latched faults until cleared):
/// <list type="bullet">
/// <item>fatal at once, latched: GPU_IS_LOST / RESET_REQUIRED from any call, a GPU gone after it was seen, an
/// Xid in <c>fatal_xids</c>, a rise in volatile uncorrected ECC errors, a row-remap failure, a corrupted CUDA copy;</item>
/// <item>failure (subject to fall): over-temperature, a hung or failing NVML call, other Xids except the ignored
/// application ones (13 31 43 45 68), a failing CUDA probe;</item>
/// <item>never: utilization, memory used, power (busy is not broken) - readings in <see cref="Measurements"/>.</item>
/// </list>
/// A missing library is a clear failure, a missing export or NOT_SUPPORTED disables one sub-check (logged once).
/// </summary>
public sealed partial class GpuProbe : IHealthProbe
{
    private readonly GpuTrackerConfig _config;
    private readonly GpuProbeOptions _options;
    private readonly NvmlLibrary? _nvml;
    private readonly string? _loadError;
    private readonly NvmlWorker _worker;
    private readonly NvmlPoller? _poller;
    private readonly GpuDirectory _directory = new();
    private readonly SubcheckSwitches _switches;
    private readonly XidLedger _xids = new();
    private readonly CancellationTokenSource _stopping = new();
    private NvmlEventListener? _events;
    private KmsgXidReader? _kmsg;
    private volatile IReadOnlyList<Measurement> _lastReadings = [];
    private bool _started;

    public GpuProbe(GpuTrackerConfig config, GpuProbeOptions? options = null)
    {
        _config = config;
        _options = options ?? new GpuProbeOptions();
        _switches = new SubcheckSwitches(_options.Log);
        _worker = new NvmlWorker($"nvml-{config.Name}");
        _nvml = NvmlLibrary.TryLoad(_options.LibraryPath, out _loadError);
        if (_nvml is null)
        {
            _options.Log(_loadError!);
            return;
        }
        if (_nvml.Fallbacks.Count > 0)
            _options.Log($"NVML {_nvml.Path} is an older driver's: using {string.Join(", ", _nvml.Fallbacks)}");
        _poller = new NvmlPoller(_nvml, config, _worker, _directory, _switches, _options.SlowCheckInterval);
    }

    public string Kind => "gpu";

    public event Action<CheckResult>? Urgent;

    /// <summary>Per GPU (Device = index or UUID): temperature, utilization, memory, power, ECC, Xid counts.</summary>
    public IReadOnlyList<Measurement> Measurements => [.. _lastReadings, .. _xids.Counts()];

    /// <summary>Sub-checks switched off ("0/row-remap", "*/power" for every GPU), for status.</summary>
    public IReadOnlyList<string> DisabledChecks => _switches.Disabled;

    /// <summary>The NVML event thread is registered and waiting (tests inject Xids only after this).</summary>
    internal bool XidEventsListening => _events?.Listening ?? false;

    public void Start()
    {
        if (_started || _nvml is null)
            return;
        _started = true;
        if (_config.XidEvents)
        {
            _events = new NvmlEventListener(_nvml, GpuSelector.FromConfig(_config), _directory, _options.Log,
                _options.EventWaitTimeout, OnXid, OnFatal, reason => RaiseUrgent(CheckResult.FatalFault(reason, latch: true)));
            _events.Start();
            if (_options.KmsgPath is not null)
            {
                _kmsg = new KmsgXidReader(_options.KmsgPath, OnKernelLine, _options.Log);
                _kmsg.Start();
            }
        }
        if (_config.CudaProbeInterval > TimeSpan.Zero)
            _ = RunCudaProbesAsync(_options.CudaProbe ?? new CudaProbeRunner(TimeSpan.FromSeconds(10)), _stopping.Token);
    }

    /// <summary>
    /// One NVML poll under the watchdog, plus the non-fatal Xids and CUDA results since the last one. Returns
    /// within <see cref="GpuProbeOptions.CallTimeout"/> or when <paramref name="cancellationToken"/> fires,
    /// whichever is first, naming the NVML call that did not return.
    /// </summary>
    public async ValueTask<CheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        if (_poller is null)
            return CheckResult.Unhealthy(_loadError!);
        if (_worker.Busy)
            return StuckCall();

        var poll = _worker.Run(_poller.Poll);
        try
        {
            await poll.WaitAsync(_options.CallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            return StuckCall();
        }
        var report = await poll.ConfigureAwait(false);
        _lastReadings = report.Measurements;
        var problems = new List<CheckResult>(report.Problems);
        problems.AddRange(_xids.TakePending());
        problems.AddRange(TakeCudaProblems());
        return PollReport.Summarize(problems, report.HealthyDevices);
    }

    private CheckResult StuckCall()
    {
        string call = _worker.CurrentCall ?? "poll";
        double seconds = Math.Max(_worker.CurrentCallElapsed.TotalSeconds, 0.1);
        return CheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture,
            $"NVML call {call} did not return within {seconds:0.#} s"));
    }

    private void RaiseUrgent(CheckResult result) => Urgent?.Invoke(result);

    /// <summary>Stops the event threads and the CUDA loop; a poll stuck in the driver is abandoned, never waited for.</summary>
    public void Dispose()
    {
        if (_stopping.IsCancellationRequested)
            return;
        _stopping.Cancel();
        _events?.Dispose();
        _kmsg?.Dispose();
        _worker.Dispose();
    }
}
