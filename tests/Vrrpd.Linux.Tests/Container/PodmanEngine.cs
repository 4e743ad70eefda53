using System.Diagnostics;

namespace Vrrpd.Linux.Tests.Container;

/// <summary>
/// One private Podman API service per test class (tests/engine/podman-setup.sh): its own storage, runroot and
/// socket under a scratch directory, torn down (containers, service process, files) in <see cref="Dispose"/>
/// even when tests fail. Does nothing when <see cref="PodmanFactAttribute"/> would skip.
/// </summary>
public sealed class PodmanEngine : IDisposable
{
    public const string Image = "localhost/vrrpd-bb:latest";
    private readonly string? _script;

    public PodmanEngine()
    {
        if (PodmanFactAttribute.MissingReason() is not null)
            return;
        _script = FindScript();
        Directory = Path.Combine(Path.GetTempPath(), $"vrrpd-podman-{Guid.NewGuid():N}"[..26]);
        var clock = Stopwatch.StartNew();
        var (code, output) = Run(_script, "start", Directory);
        if (code != 0)
        {
            Run(_script, "stop", Directory);
            throw new InvalidOperationException($"podman-setup.sh start failed ({code}): {output}");
        }
        SocketPath = output.Trim().Split('\n')[^1];
        StartupTime = clock.Elapsed;
    }

    public string Directory { get; } = "";

    public string SocketPath { get; } = "";

    public TimeSpan StartupTime { get; }

    /// <summary>Runs the private podman (the wrapper with this engine's storage flags).</summary>
    public (int Code, string Output) Podman(params string[] arguments) => Run(Path.Combine(Directory, "podman"), arguments);

    /// <summary>Starts busybox httpd on 127.0.0.1:<paramref name="port"/> (host network: no bridge, no iptables).</summary>
    public void RunHttpd(string name, int port, params string[] extra)
    {
        var arguments = new List<string> { "run", "-d", "--name", name, "--network", "host" };
        arguments.AddRange(extra);
        arguments.AddRange([Image, "httpd", "-f", "-p", $"127.0.0.1:{port}", "-h", "/www"]);
        var (code, output) = Podman([.. arguments]);
        if (code != 0)
            throw new InvalidOperationException($"podman run {name} failed ({code}): {output}");
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} {string.Join(' ', arguments)} timed out");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "engine", "podman-setup.sh");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException("tests/engine/podman-setup.sh not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        if (_script is not null)
            Run(_script, "stop", Directory);
    }
}
