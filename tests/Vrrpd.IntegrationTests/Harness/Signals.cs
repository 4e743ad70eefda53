using System.Runtime.InteropServices;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>kill(2), for the signals Process cannot send (TERM, INT, STOP, CONT).</summary>
internal static class Signals
{
    // Linux x86-64/arm64 numbers (signal(7)).
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Sends the signal; false when the process is already gone.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    public static bool IsAlive(int pid) => Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1 /* EPERM */;
}
