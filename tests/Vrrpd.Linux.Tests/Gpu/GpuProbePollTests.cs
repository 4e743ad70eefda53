using Vrrpd.Health;

namespace Vrrpd.Linux.Tests.Gpu;

/// <summary>One poll of the GPU probe through the real function pointers against the fake NVML.</summary>
public sealed class GpuProbePollTests
{
    [FakeGpuFact]
    public void HealthyTwoGpus_PollIsOk_WithReadingsPerGpu()
    {
        using var fake = FakeGpu.Create("count 2\ngpu 0 temperature 51\ngpu 1 utilization 40\ngpu 1 power_mw 123500\n");
        using var harness = new GpuProbeHarness(fake);

        var result = harness.Poll();

        Assert.Equal(CheckOutcome.Ok, result.Outcome);
        Assert.Equal("2 GPUs ok", result.Reason);
        Assert.Equal(2, harness.Reading("gpu_count", null!));
        Assert.Equal(51, harness.Reading("temperature_celsius", "0"));
        Assert.Equal(40, harness.Reading("utilization_percent", "1"));
        Assert.Equal(123.5, harness.Reading("power_watts", "1"));
        Assert.Equal(80L << 30, harness.Reading("memory_total_bytes", "0"));
        Assert.Empty(harness.Log);
    }

    [FakeGpuFact]
    public void BusyGpuWithFullMemory_IsOk()
    {
        using var fake = FakeGpu.Create("count 1\ngpu 0 utilization 100\ngpu 0 memory_used_pct 100\ngpu 0 power_mw 700000\n");
        using var harness = new GpuProbeHarness(fake);

        var result = harness.Poll();

        Assert.Equal(CheckOutcome.Ok, result.Outcome);
        Assert.Equal(100, harness.Reading("utilization_percent", "0"));
        Assert.Equal(harness.Reading("memory_total_bytes", "0"), harness.Reading("memory_used_bytes", "0"));
    }

    [FakeGpuFact]
    public void LostGpu_IsFatalAndLatched_NamingTheGpu()
    {
        using var fake = FakeGpu.Create("count 2\n");
        using var harness = new GpuProbeHarness(fake);
        Assert.Equal(CheckOutcome.Ok, harness.Poll().Outcome);

        fake.Write("count 2\ngpu 1 lost\n");
        var result = harness.Poll();

        Assert.Equal(CheckOutcome.Fatal, result.Outcome);
        Assert.True(result.Latch);
        Assert.Equal("GPU 1 (GPU-fa4e0000-0000-4000-8000-000000000001): nvmlDeviceGetHandleByIndex_v2: GPU is lost (15)", result.Reason);
    }

    [FakeGpuFact]
    public void ResetRequired_IsFatalAndLatched()
    {
        using var fake = FakeGpu.Create("count 1\ngpu 0 reset_required\n");
        using var harness = new GpuProbeHarness(fake);

        var result = harness.Poll();

        Assert.Equal(CheckOutcome.Fatal, result.Outcome);
        Assert.True(result.Latch);
        Assert.Contains("GPU requires reset (16)", result.Reason);
    }

    [FakeGpuFact]
    public void GpuThatDisappearsFromTheCount_IsFatal_ButOneNeverSeenIsOnlyAFailure()
    {
        using var fake = FakeGpu.Create("count 2\n");
        using var harness = new GpuProbeHarness(fake, GpuProbeHarness.Config(indexes: [1, 3]));

        var first = harness.Poll();
        Assert.Equal(CheckOutcome.Failed, first.Outcome);
        Assert.Equal("GPU 3: not present (NVML sees 2 GPUs)", first.Reason);

        fake.Write("count 1\n");
        var second = harness.Poll();
        Assert.Equal(CheckOutcome.Fatal, second.Outcome);
        Assert.True(second.Latch);
        Assert.StartsWith("GPU 1 (GPU-fa4e0000-0000-4000-8000-000000000001): gone (NVML sees 1 GPUs)", second.Reason);
    }

    [FakeGpuFact]
    public void GpuSelectedByUuid_IsCheckedAndGoneIsFatal()
    {
        const string uuid = "GPU-fa4e0000-0000-4000-8000-000000000001";
        using var fake = FakeGpu.Create("count 2\n");
        using var harness = new GpuProbeHarness(fake, GpuProbeHarness.Config(uuids: [uuid]));
        Assert.Equal("1 GPU ok", harness.Poll().Reason);
        Assert.Contains(harness.Probe.Measurements, m => m.Device == uuid && m.Name == "temperature_celsius");

        fake.Write("count 1\n");
        var result = harness.Poll();

        Assert.Equal(CheckOutcome.Fatal, result.Outcome);
        Assert.Equal($"{uuid}: gone (nvmlDeviceGetHandleByUUID: Not Found)", result.Reason);
    }

    [FakeGpuFact]
    public void TemperatureAtTheGpusSlowdownThreshold_Fails()
    {
        using var fake = FakeGpu.Create("count 1\ngpu 0 temperature 89\ngpu 0 slowdown 90\n");
        using var harness = new GpuProbeHarness(fake);
        Assert.Equal(CheckOutcome.Ok, harness.Poll().Outcome);

        fake.Write("count 1\ngpu 0 temperature 95\ngpu 0 slowdown 90\n");
        var result = harness.Poll();

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.False(result.Latch);
        Assert.EndsWith("temperature 95 °C reached 90 °C (the GPU's slowdown threshold)", result.Reason);
    }

    [FakeGpuFact]
    public void ConfiguredMaxTemperature_OverridesTheSlowdownThreshold()
    {
        using var fake = FakeGpu.Create("count 1\ngpu 0 temperature 75\n");
        using var harness = new GpuProbeHarness(fake, GpuProbeHarness.Config(maxTemperature: 70));

        var result = harness.Poll();

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.EndsWith("temperature 75 °C reached 70 °C (max_temperature)", result.Reason);
    }

    [FakeGpuFact]
    public void VolatileUncorrectedEccIncrease_IsFatalAndLatched()
    {
        using var fake = FakeGpu.Create("count 1\ngpu 0 ecc_dbe 2\n");
        using var harness = new GpuProbeHarness(fake);
        Assert.Equal(CheckOutcome.Ok, harness.Poll().Outcome);

        fake.Write("count 1\ngpu 0 ecc_dbe 3\n");
        var result = harness.Poll();

        Assert.Equal(CheckOutcome.Fatal, result.Outcome);
        Assert.True(result.Latch);
        Assert.EndsWith("volatile uncorrected ECC errors rose from 2 to 3", result.Reason);
    }

    [FakeGpuFact]
    public void RowRemapFailure_IsFatalAndLatched()
    {
        using var fake = FakeGpu.Create("count 1\ngpu 0 remap_failure 1\n");
        using var harness = new GpuProbeHarness(fake);

        var result = harness.Poll();

        Assert.Equal(CheckOutcome.Fatal, result.Outcome);
        Assert.True(result.Latch);
        Assert.Contains("row remapping failed", result.Reason);
    }

    [FakeGpuFact]
    public void NvmlInitFailure_IsReportedWithTheDriversWords()
    {
        using var fake = FakeGpu.Create("init_error 9\n");
        using var harness = new GpuProbeHarness(fake);

        var result = harness.Poll();

        Assert.Equal(CheckOutcome.Fatal, result.Outcome);
        Assert.Equal("NVML: nvmlInit_v2: Driver Not Loaded (9)", result.Reason);
    }
}
