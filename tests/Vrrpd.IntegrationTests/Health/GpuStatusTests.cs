using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Health;

/// <summary>
/// What an operator sees of a GPU tracker (`vrrpd status --json`, checks[] per instance), and vrrpd against an old
/// driver's NVML that exports only the classic functions: the sub-checks that need newer calls degrade, the
/// daemon neither crashes nor fails over.
/// </summary>
public sealed class GpuStatusTests
{
    private static readonly VrrpInstanceConfig Single = new() { Version = 3, AdvertInt = "0.1", Priority = 150 };

    private static DaemonProcess StartTracking(Lab lab, FakeNvml gpu, string trackerLines = "devices all\ninterval 0.2") =>
        lab.StartVrrpd(lab[1], TrackedInstance.Compose(Single, $$"""
            global_defs {
                nvml_library {{gpu.LibraryPath}}
            }

            vrrp_track_gpu GPUS {
            {{trackerLines}}
            }
            """, "track_gpu {\n    GPUS\n}"));

    [HealthLabFact(NeedsFakeNvml = true)]
    public async Task StatusJson_ShowsGpuCheck_WithStateReasonAndMeasurements()
    {
        await using var lab = Lab.Create(1);
        var gpu = FakeNvml.Install(lab, lab[1], "count 1\ngpu 0 temperature 61\ngpu 0 utilization 37\ngpu 0 memory_used_pct 50\n");
        var daemon = StartTracking(lab, gpu);
        await Eventually.Until(() => lab.HasAddress(lab[1], Vip4), TimeSpan.FromSeconds(6), $"{Vip4} on {lab[1]}", lab.Report);

        await Eventually.Until(() => TrackerCheck.Read(daemon, "GPUS").Measurement("temperature_celsius") is not null,
            TimeSpan.FromSeconds(3), "a GPU poll with readings", lab.Report);
        var check = TrackerCheck.Read(daemon, "GPUS");
        Assert.Equal("gpu", check.Kind);
        Assert.Equal("ok", check.State);
        Assert.Equal("1 GPU ok", check.Reason);
        Assert.Equal(0, check.Weight);
        Assert.Equal(61, check.Measurement("temperature_celsius", "0"));
        Assert.Equal(37, check.Measurement("utilization_percent", "0"));
        var used = check.Measurement("memory_used_bytes", "0");
        var total = check.Measurement("memory_total_bytes", "0");
        Assert.True(used is not null && total is not null && Math.Abs(used.Value / total.Value - 0.5) < 0.01,
            $"memory used {used} of {total} bytes, expected half: {check}");

        gpu.Append("gpu 0 xid 79");

        await Eventually.Until(() => TrackerCheck.Read(daemon, "GPUS").State == "fatal", TimeSpan.FromSeconds(3), "the check turns fatal", lab.Report);
        check = TrackerCheck.Read(daemon, "GPUS");
        Assert.Matches(@"^GPU 0 \(GPU-[0-9a-f-]+\): Xid 79, ", check.Reason);
        Assert.Equal(1, check.Measurement("xid_79_total", "0"));
        Assert.Equal("Fault", daemon.Status().Instance("VI_1").State);
    }

    [HealthLabFact(NeedsFakeNvml = true)]
    public async Task ClassicOnlyNvml_DaemonRunsAndTheCheckDegradesWithoutFailing()
    {
        await using var lab = Lab.Create(1);
        var gpu = FakeNvml.Install(lab, lab[1], "count 1\ngpu 0 temperature 50\n", classic: true);
        var daemon = StartTracking(lab, gpu);
        await Eventually.Until(() => lab.HasAddress(lab[1], Vip4), TimeSpan.FromSeconds(6), $"{Vip4} on {lab[1]}", lab.Report);

        await Eventually.Until(() => TrackerCheck.Read(daemon, "GPUS").State == "ok", TimeSpan.FromSeconds(3), "the GPU check ok on classic NVML", lab.Report);
        await Eventually.Holds(() => !daemon.HasExited && lab.HasAddress(lab[1], Vip4), TimeSpan.FromSeconds(2),
            "vrrpd keeps running and holds the VIP on an old driver's NVML", lab.Report);
        var check = TrackerCheck.Read(daemon, "GPUS");
        Assert.Equal("ok", check.State);
        Assert.Equal(50, check.Measurement("temperature_celsius", "0"));
        Assert.Equal("Master", daemon.Status().Instance("VI_1").State);
        Assert.Contains("older driver", daemon.Log);
        Assert.Contains("check disabled", daemon.Log); // e.g. power: no nvmlDeviceGetPowerUsage in the classic set
        Assert.DoesNotContain("Unhandled exception", daemon.Log);

        // Xid events still arrive through the classic nvmlEventSetWait.
        gpu.Append("gpu 0 xid 79");

        await Eventually.Until(() => TrackerCheck.Read(daemon, "GPUS").State == "fatal", TimeSpan.FromSeconds(3),
            "Xid 79 heard through the classic event wait", lab.Report);
        Assert.Equal("Fault", daemon.Status().Instance("VI_1").State);
    }
}
