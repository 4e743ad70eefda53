using System.Diagnostics;
using Vrrpd.Health;

namespace Vrrpd.Linux.Tests.Gpu;

/// <summary>What the probe does when the driver is missing, old, partial or hung: degrade, never crash or block.</summary>
public sealed class GpuProbeDegradationTests
{
    [FakeGpuFact]
    public void MissingLibrary_IsAClearFailure()
    {
        using var harness = new GpuProbeHarness("/nonexistent/libnvidia-ml.so.1");
        harness.Probe.Start();

        var result = harness.Poll();

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Equal("NVML not found: /nonexistent/libnvidia-ml.so.1 (check nvml_library)", result.Reason);
        Assert.Equal(["NVML not found: /nonexistent/libnvidia-ml.so.1 (check nvml_library)"], harness.Log);
    }

    [FakeGpuFact]
    public void ClassicOnlyLibrary_DegradesChecks_LogsEachOnce_AndStillHearsXids()
    {
        using var fake = FakeGpu.Create("count 2\n", classic: true);
        using var harness = new GpuProbeHarness(fake);
        harness.StartListening();

        for (int i = 0; i < 3; i++)
            Assert.Equal("2 GPUs ok", harness.Poll().Reason);

        string[] log = [.. harness.Log];
        Assert.Single(log, line => line.Contains("older driver's: using nvmlInit (nvmlInit_v2 missing)") && line.Contains("nvmlEventSetWait (nvmlEventSetWait_v2 missing)"));
        Assert.Single(log, line => line.Contains("nvmlDeviceGetPciInfo_v3"));
        Assert.Single(log, line => line == "NVML has no nvmlDeviceGetRemappedRows (older driver): row-remap check disabled for every GPU");
        Assert.Single(log, line => line == "NVML has no nvmlDeviceGetPowerUsage (older driver): power check disabled for every GPU");
        Assert.Contains("*/row-remap", harness.Probe.DisabledChecks);
        Assert.Equal(45, harness.Reading("temperature_celsius", "1")); // the classic GetTemperature, as GetTemperatureV is missing

        fake.Append("gpu 1 xid 79");
        Assert.True(harness.Urgent.TryTake(out var urgent, TimeSpan.FromSeconds(2)));
        Assert.Equal(CheckOutcome.Fatal, urgent.Outcome);
    }

    [FakeGpuFact]
    public void NotSupportedSubcheck_IsDisabledForThatGpuOnly_LoggedOnce()
    {
        using var fake = FakeGpu.Create("count 2\ngpu 0 unsupported ecc\ngpu 0 unsupported utilization\n");
        using var harness = new GpuProbeHarness(fake);

        harness.Poll();
        var result = harness.Poll();

        Assert.Equal(CheckOutcome.Ok, result.Outcome);
        Assert.Single(harness.Log, line => line == "GPU 0 (GPU-fa4e0000-0000-4000-8000-000000000000): nvmlDeviceGetTotalEccErrors: Not Supported: ECC check disabled");
        Assert.Single(harness.Log, line => line.EndsWith("nvmlDeviceGetUtilizationRates: Not Supported: utilization check disabled", StringComparison.Ordinal));
        Assert.Equal(2, harness.Log.Count);
        Assert.DoesNotContain(harness.Probe.Measurements, m => m.Name == "utilization_percent" && m.Device == "0");
        Assert.Contains(harness.Probe.Measurements, m => m.Name == "utilization_percent" && m.Device == "1");
    }

    [FakeGpuFact]
    public void HungNvmlCall_IsAFailureByWatchdog_WithoutBlockingTheCaller()
    {
        using var fake = FakeGpu.Create("count 1\n");
        using var harness = new GpuProbeHarness(fake, callTimeout: TimeSpan.FromMilliseconds(400));
        Assert.Equal(CheckOutcome.Ok, harness.Poll().Outcome);

        fake.Write("count 1\ngpu 0 slow_ms 3000\n");
        var clock = Stopwatch.StartNew();
        var result = harness.Poll();
        var first = clock.Elapsed;

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Matches(@"^NVML call nvmlDeviceGetHandleByIndex_v2 did not return within 0\.\d s$", result.Reason);
        Assert.InRange(first, TimeSpan.FromMilliseconds(350), TimeSpan.FromMilliseconds(1500));

        // The call is still stuck: the next poll fails at once instead of queueing behind it.
        clock.Restart();
        var second = harness.Poll();
        Assert.Equal(CheckOutcome.Failed, second.Outcome);
        Assert.StartsWith("NVML call nvmlDeviceGetHandleByIndex_v2 did not return within", second.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(200), $"second poll took {clock.Elapsed}");
    }

    [FakeGpuFact]
    public async Task HungNvmlCall_ReturnsWhenTheTrackersTokenFires()
    {
        using var fake = FakeGpu.Create("count 1\ngpu 0 slow_ms 3000\n");
        using var harness = new GpuProbeHarness(fake, callTimeout: TimeSpan.FromSeconds(10));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        var result = await harness.Probe.ProbeAsync(timeout.Token);

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Contains("did not return within", result.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"took {clock.Elapsed}");
    }
}
