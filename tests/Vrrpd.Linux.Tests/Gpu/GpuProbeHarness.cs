using System.Collections.Concurrent;
using Vrrpd.Configuration;
using Vrrpd.Health;
using Vrrpd.Linux.Health.Gpu;

namespace Vrrpd.Linux.Tests.Gpu;

/// <summary>A <see cref="GpuProbe"/> on a fake library, with its log and its urgent results captured.</summary>
internal sealed class GpuProbeHarness : IDisposable
{
    public GpuProbeHarness(FakeGpu fake, GpuTrackerConfig? config = null, string? kmsgPath = null, TimeSpan? callTimeout = null)
        : this(fake.NvmlPath, config, kmsgPath, callTimeout) { }

    public GpuProbeHarness(string libraryPath, GpuTrackerConfig? config = null, string? kmsgPath = null, TimeSpan? callTimeout = null)
    {
        Probe = new GpuProbe(config ?? Config(), new GpuProbeOptions
        {
            LibraryPath = libraryPath,
            Log = Log.Enqueue,
            KmsgPath = kmsgPath,
            CallTimeout = callTimeout ?? TimeSpan.FromSeconds(2),
            SlowCheckInterval = TimeSpan.Zero,
            EventWaitTimeout = TimeSpan.FromMilliseconds(200),
        });
        Probe.Urgent += result => Urgent.Add(result);
    }

    public GpuProbe Probe { get; }

    public ConcurrentQueue<string> Log { get; } = new();

    public BlockingCollection<CheckResult> Urgent { get; } = [];

    public static GpuTrackerConfig Config(int? maxTemperature = null, IReadOnlyList<int>? indexes = null, IReadOnlyList<string>? uuids = null,
        bool xidEvents = true, TimeSpan cudaProbeInterval = default) =>
        new("gpu_check", indexes ?? [], uuids ?? [], TrackerTiming.Default, maxTemperature, xidEvents,
            GpuTrackerConfig.DefaultFatalXids, cudaProbeInterval, new SourceLocation("test.conf", 1, 1));

    public CheckResult Poll() => Probe.ProbeAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>Starts the event sources and waits until NVML events are registered, so an Xid written now is heard.</summary>
    public void StartListening()
    {
        Probe.Start();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!Probe.XidEventsListening)
        {
            Assert.True(DateTime.UtcNow < deadline, "NVML event thread did not register within 5 s: " + string.Join(" | ", Log));
            Thread.Sleep(5);
        }
    }

    public double Reading(string name, string device) =>
        Probe.Measurements.Single(m => m.DisplayName == name && m.Device == device).Value;

    public void Dispose() => Probe.Dispose();
}
