using System.Diagnostics;
using System.Globalization;
using Vrrpd.Health;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>
/// Runs the CUDA probe in a child process with a hard deadline: a child stuck in the driver is SIGKILLed, which
/// no daemon thread could be (docs/design/gpu-health.md §10). By default the child is this same executable,
/// <c>vrrpd cuda-probe --device BUSID</c>; tests pass their own command line.
/// </summary>
/// <param name="timeout">The hard deadline (5–10 s recommended: init without persistence mode takes 1–3 s per GPU).</param>
/// <param name="startInfo">Builds the child's command line for a PCI bus id; default <see cref="SelfStartInfo"/>.</param>
public sealed class CudaProbeRunner(TimeSpan timeout, Func<string, ProcessStartInfo>? startInfo = null)
{
    public TimeSpan Timeout => timeout;

    /// <summary>
    /// <c>Environment.ProcessPath cuda-probe --device BUSID</c>: the AOT binary re-executing itself. Run as
    /// <c>dotnet vrrpd.dll</c> (development, tests) the process is the dotnet host, so the dll goes first.
    /// </summary>
    public static ProcessStartInfo SelfStartInfo(string busId)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "vrrpd");
        var entry = Environment.GetCommandLineArgs()[0];
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet" && entry.EndsWith(".dll", StringComparison.Ordinal))
            start.ArgumentList.Add(entry);
        start.ArgumentList.Add("cuda-probe");
        start.ArgumentList.Add("--device");
        start.ArgumentList.Add(busId);
        return start;
    }

    /// <summary>One probe of the GPU at <paramref name="busId"/>; <paramref name="label"/> names it in the reason.</summary>
    public async Task<CheckResult> RunAsync(string busId, string label, CancellationToken cancellationToken)
    {
        var start = (startInfo ?? SelfStartInfo)(busId);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var child = new Process { StartInfo = start };
        try
        {
            child.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return CheckResult.Unhealthy($"{label}: CUDA probe could not start {start.FileName}: {e.Message}");
        }
        var output = child.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = child.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await child.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return CheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture,
                $"{label}: CUDA probe did not finish within {timeout.TotalSeconds:0.#} s (killed)"));
        }
        string line = (await output.ConfigureAwait(false)).Trim();
        return Interpret(child.ExitCode, line, label);
    }

    internal static CheckResult Interpret(int exitCode, string line, string label) => (CudaProbeExit)exitCode switch
    {
        CudaProbeExit.Ok => CheckResult.Healthy($"{label}: CUDA {line}"),
        CudaProbeExit.Inconclusive => CheckResult.Healthy($"{label}: CUDA probe inconclusive (GPU in use): {line}"),
        CudaProbeExit.Fatal => CheckResult.FatalFault($"{label}: CUDA probe: {line}", latch: true),
        CudaProbeExit.Failed => CheckResult.Unhealthy($"{label}: CUDA probe: {line}"),
        _ => CheckResult.Unhealthy($"{label}: CUDA probe exited with {exitCode}: {line}"),
    };
}
