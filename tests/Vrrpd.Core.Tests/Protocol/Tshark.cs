using System.Diagnostics;

namespace Vrrpd.Tests.Protocol;

/// <summary>Runs the installed tshark as an independent decoder ("oracle") of vrrpd's frames.</summary>
internal static class Tshark
{
    public static string? Path { get; } = Find();

    /// <summary>Null when tshark is installed; otherwise why the oracle tests are skipped.</summary>
    public static string? SkipReason => Path is null
        ? "tshark is not on PATH (apt install tshark): the Wireshark oracle cannot check vrrpd's frames"
        : null;

    /// <summary><c>tshark -r FILE -V</c> plus <paramref name="options"/>; returns the verbose dissection.</summary>
    public static string Dissect(string pcapFile, params string[] options)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(SkipReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string option in options)
        {
            start.ArgumentList.Add(option);
        }

        start.ArgumentList.Add("-r");
        start.ArgumentList.Add(pcapFile);
        start.ArgumentList.Add("-V");
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("tshark did not finish in 60 s");
        }

        Assert.True(process.ExitCode == 0, $"tshark exited {process.ExitCode}: {stderr.Result}");
        return output;
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, "tshark"))
            .FirstOrDefault(File.Exists);
}

/// <summary>A [Fact] that is skipped, with the reason, when tshark is missing.</summary>
internal sealed class RequiresTsharkFactAttribute : FactAttribute
{
    public RequiresTsharkFactAttribute()
    {
        if (Tshark.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A [Theory] that is skipped, with the reason, when tshark is missing.</summary>
internal sealed class RequiresTsharkTheoryAttribute : TheoryAttribute
{
    public RequiresTsharkTheoryAttribute()
    {
        if (Tshark.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
