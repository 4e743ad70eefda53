using System.Diagnostics;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>Runs short-lived commands (ip, bridge, tshark, vrrpd status) to completion.</summary>
public static class Command
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static CommandResult Run(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var commandLine = Describe(fileName, startInfo.ArgumentList);
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"could not start `{commandLine}`");
        // Both pipes are drained concurrently so a chatty command cannot block on a full pipe.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{commandLine}` did not finish within {(timeout ?? DefaultTimeout).TotalSeconds} s");
        }

        process.WaitForExit();
        return new CommandResult(commandLine, process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    public static CommandResult Run(string fileName, params string[] arguments) => Run(fileName, (IEnumerable<string>)arguments);

    /// <summary>True when an executable of that name is on PATH.</summary>
    public static bool Exists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, name)));

    internal static string Describe(string fileName, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { fileName }.Concat(arguments.Select(a => a.Contains(' ') ? $"'{a}'" : a)));
}
