using Vrrpd.Linux.Health.Gpu;
using Vrrpd.Linux.Tests.Gpu;

/// <summary>
/// .NET startup hook (DOTNET_STARTUP_HOOKS; the runtime wants this exact name, outside any namespace): in a child
/// started by <see cref="CudaProbeChild"/>, runs the CUDA probe and exits with its code. Does nothing otherwise.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(CudaProbeChild.Switch) != "1")
            return;
        string[] args = Environment.GetCommandLineArgs()[1..];
        Environment.Exit(CudaProbe.CudaProbeMain(args));
    }
}
