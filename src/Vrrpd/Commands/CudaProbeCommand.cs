using System.CommandLine;
using Vrrpd.Linux.Health.Gpu;

namespace Vrrpd.Commands;

/// <summary>
/// `vrrpd cuda-probe --device BUSID`: the GPU tracker's active CUDA check, run by the daemon in a child process
/// of itself with a hard timeout, so a GPU that hangs a CUDA call can only hang the child (docs/design/gpu-health.md §10).
/// Hidden: users never run it by hand.
/// </summary>
internal static class CudaProbeCommand
{
    public static Command Create()
    {
        var device = new Option<string>("--device") { Description = "PCI bus id of the GPU", Required = true };
        var library = new Option<string?>("--library") { Description = "Path of libcuda.so.1" };
        var command = new Command("cuda-probe", "Probe one GPU through the CUDA driver (internal)") { device, library };
        command.Hidden = true;
        command.SetAction(result =>
        {
            var args = new List<string> { "--device", result.GetValue(device)! };
            if (result.GetValue(library) is { } path) args.AddRange(["--library", path]);
            return CudaProbe.CudaProbeMain([.. args]);
        });
        return command;
    }
}
