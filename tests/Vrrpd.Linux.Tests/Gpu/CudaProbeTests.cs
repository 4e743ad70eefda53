using System.Diagnostics;
using Vrrpd.Health;
using Vrrpd.Linux.Health.Gpu;

namespace Vrrpd.Linux.Tests.Gpu;

/// <summary>The CUDA probe in a real child process against the fake libcuda, and the runner's hard deadline.</summary>
public sealed class CudaProbeTests
{
    private const string Bus = "00000000:10:00.0";
    private const string Label = "GPU 0";

    private static Task<CheckResult> Run(FakeGpu fake, TimeSpan? timeout = null) =>
        new CudaProbeRunner(timeout ?? TimeSpan.FromSeconds(20), bus => CudaProbeChild.StartInfo(fake, bus))
            .RunAsync(Bus, Label, CancellationToken.None);

    [FakeGpuFact]
    public async Task HealthyGpu_RoundTripsOneMebibyte()
    {
        using var fake = FakeGpu.Create("count 1\n");

        var result = await Run(fake);

        Assert.Equal(CheckOutcome.Ok, result.Outcome);
        Assert.Matches(@"^GPU 0: CUDA ok: 1 MiB round-trip on 00000000:10:00\.0 in \d+ ms \(CUDA driver 12\.6\)$", result.Reason);
    }

    [FakeGpuFact]
    public async Task FailingAllocation_IsAFailureNamingTheCall()
    {
        using var fake = FakeGpu.Create("count 1\ncuda alloc error 999\n");

        var result = await Run(fake);

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Equal("GPU 0: CUDA probe: cuMemAlloc_v2: CUDA_ERROR_UNKNOWN (999)", result.Reason);
    }

    [FakeGpuFact]
    public async Task OutOfMemory_IsInconclusive_NotAFailure()
    {
        using var fake = FakeGpu.Create("count 1\ncuda alloc error 2\n");

        var result = await Run(fake);

        Assert.Equal(CheckOutcome.Ok, result.Outcome);
        Assert.Contains("inconclusive", result.Reason);
    }

    [FakeGpuFact]
    public async Task GpuGoneFromCuda_IsFatal()
    {
        using var fake = FakeGpu.Create("count 1\ngpu 0 lost\n");

        var result = await Run(fake);

        Assert.Equal(CheckOutcome.Fatal, result.Outcome);
        Assert.Equal("GPU 0: CUDA probe: cuDeviceGetByPCIBusId: CUDA_ERROR_NO_DEVICE (100)", result.Reason);
    }

    [FakeGpuFact]
    public async Task CorruptedCopy_IsFatalAndLatched()
    {
        using var fake = FakeGpu.Create("count 1\ncuda copy corrupt\n");

        var result = await Run(fake);

        Assert.Equal(CheckOutcome.Fatal, result.Outcome);
        Assert.True(result.Latch);
        Assert.Contains("copy round-trip corrupted: byte 524288", result.Reason);
    }

    [FakeGpuFact]
    public async Task HangingCuda_IsKilledAtTheDeadline()
    {
        using var fake = FakeGpu.Create("count 1\ncuda sync hang\n");
        var clock = Stopwatch.StartNew();

        var result = await Run(fake, TimeSpan.FromSeconds(3));

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Equal("GPU 0: CUDA probe did not finish within 3 s (killed)", result.Reason);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(5));
    }

    [FakeGpuFact]
    public void MissingLibcuda_IsAUsageExit()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        int exit;
        try
        {
            exit = CudaProbe.CudaProbeMain(["--device", Bus, "--library", "/nonexistent/libcuda.so.1"]);
        }
        finally
        {
            Console.SetOut(previous);
        }

        Assert.Equal((int)CudaProbeExit.Usage, exit);
        Assert.Equal("CUDA driver not found: /nonexistent/libcuda.so.1 (install the NVIDIA driver)", output.ToString().Trim());
    }

    [FakeGpuFact]
    public void GpuProbe_WithCudaProbeInterval_RaisesUrgentOnACorruptCopy()
    {
        using var fake = FakeGpu.Create("count 1\ncuda copy corrupt\n");
        var config = GpuProbeHarness.Config(xidEvents: false, cudaProbeInterval: TimeSpan.FromMilliseconds(300));
        using var probe = new GpuProbe(config, new GpuProbeOptions
        {
            LibraryPath = fake.NvmlPath,
            KmsgPath = null,
            CudaProbe = new CudaProbeRunner(TimeSpan.FromSeconds(20), bus => CudaProbeChild.StartInfo(fake, bus)),
        });
        var urgent = new TaskCompletionSource<CheckResult>();
        probe.Urgent += result => urgent.TrySetResult(result);

        Assert.Equal(CheckOutcome.Ok, probe.ProbeAsync(CancellationToken.None).AsTask().Result.Outcome); // learns the bus id
        probe.Start();

        Assert.True(urgent.Task.Wait(TimeSpan.FromSeconds(20)), "no urgent CUDA result");
        Assert.Equal(CheckOutcome.Fatal, urgent.Task.Result.Outcome);
        Assert.StartsWith("GPU 0 (GPU-fa4e0000-0000-4000-8000-000000000000): CUDA probe: copy round-trip corrupted", urgent.Task.Result.Reason);
        Assert.Equal(CheckOutcome.Fatal, probe.ProbeAsync(CancellationToken.None).AsTask().Result.Outcome);
    }
}
