using System.Diagnostics;

namespace Vrrpd.Linux.Tests.Namespaces;

/// <summary>Runs iproute2 (and sysctl through ip netns exec) the way an operator would, for setup and as an oracle.</summary>
internal static class IpCommand
{
    public static string Run(params string[] arguments) => Exec("ip", arguments, throwOnFailure: true);

    public static string TryRun(params string[] arguments) => Exec("ip", arguments, throwOnFailure: false);

    public static string Exec(string program, string[] arguments, bool throwOnFailure)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (throwOnFailure && process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {error}");
        return output;
    }
}
