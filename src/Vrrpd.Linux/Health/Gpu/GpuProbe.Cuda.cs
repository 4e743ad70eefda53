using Vrrpd.Health;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>The optional CUDA probe, every <c>cuda_probe_interval</c>, each GPU in its own child process.</summary>
public sealed partial class GpuProbe
{
    private readonly Dictionary<string, CheckResult> _cudaResults = [];
    private readonly Lock _cudaLock = new();

    private async Task RunCudaProbesAsync(CudaProbeRunner runner, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_config.CudaProbeInterval);
        try
        {
            do
            {
                foreach (var (device, pci) in _directory.WithPci())
                {
                    var result = await runner.RunAsync(pci.BusId, _directory.Label(device), stopping).ConfigureAwait(false);
                    lock (_cudaLock)
                        _cudaResults[device.Key] = result;
                    if (result.Outcome == CheckOutcome.Fatal)
                        RaiseUrgent(result);
                }
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The latest CUDA result of each GPU that is not healthy (they stand until the next CUDA run).</summary>
    private List<CheckResult> TakeCudaProblems()
    {
        lock (_cudaLock)
            return [.. _cudaResults.Values.Where(r => r.Outcome != CheckOutcome.Ok)];
    }
}
