using System.Diagnostics;
using Vrrpd.Linux.Health.Gpu;

namespace Vrrpd.Linux.Tests.Gpu;

/// <summary>
/// Runs <see cref="CudaProbe.CudaProbeMain"/> in a real child process, as the daemon's hidden <c>vrrpd cuda-probe</c>
/// will: <c>dotnet exec</c> of this test assembly with a .NET startup hook (<see cref="StartupHook"/>) that calls
/// it and exits before the assembly's empty generated Main.
/// </summary>
internal static class CudaProbeChild
{
    public const string Switch = "VRRPD_TEST_CUDA_PROBE";

    public static ProcessStartInfo StartInfo(FakeGpu fake, string busId)
    {
        string assembly = typeof(CudaProbeChild).Assembly.Location;
        string host = Environment.ProcessPath is string path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host);
        foreach (string argument in (string[])["exec", assembly, "--device", busId, "--library", fake.CudaPath])
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_STARTUP_HOOKS"] = assembly;
        start.Environment[Switch] = "1";
        start.Environment["VRRPD_FAKE_NVML_STATE"] = fake.StatePath;
        return start;
    }
}
