using System.Diagnostics;

namespace Vrrpd.Tests.Packaging;

/// <summary>Runs Prometheus' promtool (Debian's `prometheus` package, installed by packaging/install-deps.sh) over the
/// files in packaging/monitoring.</summary>
internal static class Promtool
{
    public static string? Path { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, "promtool"))
            .FirstOrDefault(File.Exists);

    /// <summary>promtool ARGS in <paramref name="workingDirectory"/>, stdin from <paramref name="input"/>: exit code
    /// and stdout plus stderr.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(PromtoolFactAttribute.Missing))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"promtool {string.Join(' ', arguments)} did not finish in 60 s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>
/// A [Fact] for promtool checks. Skipped only for a user who cannot install packages; as root (as CI runs) a missing
/// promtool is a failure, not a skip, so CI cannot pass without having run the rules' tests.
/// </summary>
internal sealed class PromtoolFactAttribute : FactAttribute
{
    public const string Missing = "promtool is not on PATH: run `sudo packaging/install-deps.sh` (Debian's prometheus package has it)";

    public PromtoolFactAttribute()
    {
        if (Promtool.Path is null && Environment.UserName != "root") Skip = Missing;
    }
}
