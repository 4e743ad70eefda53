using System.Diagnostics;
using System.Text.Json;
using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests.Soak;

/// <summary>One host's figures from tests/soak/run.sh's JSON summary.</summary>
public sealed record SoakHost(string Role, long RssStartKib, long RssEndKib, int FdsStart, int FdsEnd, int ThreadsStart,
    int ThreadsEnd, long UnexpectedTransitions)
{
    public long RssGrowthKib => RssEndKib - RssStartKib;

    public override string ToString() =>
        $"{Role}: RSS {RssStartKib} -> {RssEndKib} KiB ({RssGrowthKib:+#;-#;0} KiB), fds {FdsStart} -> {FdsEnd}, " +
        $"threads {ThreadsStart} -> {ThreadsEnd}, unexpected transitions {UnexpectedTransitions}";
}

/// <summary>The outcome of tests/soak/run.sh: its exit code, its output and the summary it wrote.</summary>
public sealed record SoakResult(int ExitCode, string Output, int Flaps, long MissedAdvertWindows, long RssLimitKib,
    IReadOnlyList<SoakHost> Hosts)
{
    /// <summary>
    /// Runs the soak script for <paramref name="duration"/> against the vrrpd the harness resolves (VRRPD_BIN, the
    /// native binary CI builds; else `dotnet vrrpd.dll` through a one-line wrapper, since the script takes one path).
    /// </summary>
    public static SoakResult Run(TimeSpan duration, TimeSpan timeout)
    {
        var root = VrrpdBinary.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("vrrpd-soak-test-");
        try
        {
            var summary = Path.Combine(work.FullName, "summary.json");
            var startInfo = new ProcessStartInfo("bash")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { Path.Combine(root, "tests", "soak", "run.sh"), "--duration",
                         ((int)duration.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "--summary", summary })
            {
                startInfo.ArgumentList.Add(argument);
            }

            startInfo.Environment["VRRPD_BIN"] = Executable(work.FullName);
            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start tests/soak/run.sh");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                // SIGTERM first: the script's trap removes its namespaces and daemons.
                Signals.Send(process.Id, Signals.SIGTERM);
                if (!process.WaitForExit(TimeSpan.FromSeconds(10))) process.Kill(entireProcessTree: true);
                throw new TimeoutException($"tests/soak/run.sh did not finish within {timeout.TotalSeconds} s:\n{stdout.Result}{stderr.Result}");
            }

            process.WaitForExit();
            var output = stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult();
            return File.Exists(summary) ? Parse(process.ExitCode, output, File.ReadAllText(summary))
                : new SoakResult(process.ExitCode, output, 0, 0, 0, []);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Executable(string work)
    {
        var (fileName, prefix) = VrrpdBinary.Resolve();
        if (prefix.Count == 0) return fileName;
        var wrapper = Path.Combine(work, "vrrpd");
        // exec keeps the PID: the script samples /proc/PID of the process it started.
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec {fileName} {string.Join(' ', prefix.Select(p => $"'{p}'"))} \"$@\"\n");
        Command.Run("chmod", "0700", wrapper).EnsureSuccess();
        return wrapper;
    }

    private static SoakResult Parse(int exitCode, string output, string json)
    {
        using var document = JsonDocument.Parse(json);
        var top = document.RootElement;
        var hosts = top.GetProperty("hosts").EnumerateArray().Select(h => new SoakHost(
            h.GetProperty("role").GetString()!, h.GetProperty("rssStartKib").GetInt64(), h.GetProperty("rssEndKib").GetInt64(),
            h.GetProperty("fdsStart").GetInt32(), h.GetProperty("fdsEnd").GetInt32(), h.GetProperty("threadsStart").GetInt32(),
            h.GetProperty("threadsEnd").GetInt32(), h.GetProperty("unexpectedTransitions").GetInt64())).ToList();
        return new SoakResult(exitCode, output, top.GetProperty("flaps").GetInt32(), top.GetProperty("missedAdvertWindows").GetInt64(),
            top.GetProperty("rssLimitKib").GetInt64(), hosts);
    }
}
