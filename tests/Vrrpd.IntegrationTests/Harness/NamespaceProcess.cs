using System.Diagnostics;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// A long-running command inside a lab host's network namespace (`ip netns exec` execs it, so the process is the
/// command itself): what a process tracker looks for. Killed with the lab if the test did not kill it first.
/// </summary>
public sealed class NamespaceProcess : IDisposable
{
    private readonly Process process;

    private NamespaceProcess(Process process) => this.process = process;

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Starts <paramref name="command"/> in <paramref name="host"/> and waits until it has exec'd (its
    /// /proc/PID/cmdline is the command's), so a tracker cannot see the `ip` that precedes it.</summary>
    public static NamespaceProcess Start(Lab lab, LabHost host, params string[] command)
    {
        var start = new ProcessStartInfo("ip") { UseShellExecute = false };
        foreach (var argument in new[] { "netns", "exec", host.Namespace }.Concat(command))
        {
            start.ArgumentList.Add(argument);
        }

        var started = lab.Own(new NamespaceProcess(Process.Start(start)!));
        var expected = string.Join('\0', command) + "\0";
        var deadline = Stopwatch.StartNew();
        while (ReadCommandLine(started.Pid) != expected)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(5) || started.HasExited)
            {
                throw new InvalidOperationException($"'{string.Join(' ', command)}' did not start in {host}");
            }

            Thread.Sleep(10);
        }

        return started;
    }

    private static string? ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL, and waits until it is gone.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }
}
