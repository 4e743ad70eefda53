using System.Diagnostics;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// A private Podman API service for a test class (tests/engine/podman-setup.sh: its own storage, runroot and
/// socket under a scratch directory, the image localhost/vrrpd-bb:latest imported from busybox-static). The socket
/// is a path on the shared filesystem, so a daemon inside a lab namespace reaches it as it is. Containers use the
/// root namespace's host network, which is harmless: the daemon only talks to the engine socket. Dispose removes
/// every container, stops the service and deletes the directory. Does nothing where <see cref="WhyNot"/> says no.
/// </summary>
public sealed class PodmanService : IDisposable
{
    public const string Image = "localhost/vrrpd-bb:latest";
    private readonly string? script;

    public PodmanService()
    {
        if (WhyNot() is not null)
        {
            return;
        }

        script = Path.Combine(VrrpdBinary.RepositoryRoot(), "tests", "engine", "podman-setup.sh");
        Directory = Path.Combine(Path.GetTempPath(), $"vrrpd-itest-podman-{Guid.NewGuid():N}"[..32]);
        var clock = Stopwatch.StartNew();
        var result = Command.Run(script, ["start", Directory], TimeSpan.FromSeconds(120));
        if (!result.Succeeded)
        {
            Command.Run(script, ["stop", Directory], TimeSpan.FromSeconds(60));
            throw new InvalidOperationException($"podman-setup.sh start failed ({result.ExitCode}): {result.StdErr}{result.StdOut}");
        }

        SocketPath = result.StdOut.Trim().Split('\n')[^1];
        StartupTime = clock.Elapsed;
    }

    public string Directory { get; } = "";

    /// <summary>The engine API's unix socket (the tracker's <c>engine</c>).</summary>
    public string SocketPath { get; } = "";

    public TimeSpan StartupTime { get; }

    /// <summary>Why no private Podman can run here, or null.</summary>
    public static string? WhyNot()
    {
        if (Environment.UserName != "root")
        {
            return "needs root: runs a private rootful podman service";
        }

        foreach (var tool in new[] { "podman", "runc", "curl" })
        {
            if (!Command.Exists(tool))
            {
                return $"needs {tool} (apt-get install podman runc busybox-static curl)";
            }
        }

        return File.Exists("/bin/busybox") ? null : "needs /bin/busybox (apt-get install busybox-static)";
    }

    /// <summary>The private podman CLI (same storage as the service).</summary>
    public CommandResult Podman(params string[] arguments) =>
        Command.Run(Path.Combine(Directory, "podman"), arguments, TimeSpan.FromSeconds(60));

    /// <summary>A busybox container that just sleeps, so "running" is all there is to it.</summary>
    public void RunSleeper(string name) =>
        Podman("run", "-d", "--name", name, "--network", "host", Image, "sleep", "100000").EnsureSuccess();

    /// <summary>The engine API itself over its socket (curl), e.g. POST /containers/NAME/kill: what a crash looks like.</summary>
    public CommandResult Api(string method, string path) =>
        Command.Run("curl", ["-sS", "--fail", "--unix-socket", SocketPath, "-X", method, $"http://d{path}"], TimeSpan.FromSeconds(30));

    public void Dispose()
    {
        if (script is not null)
        {
            Command.Run(script, ["stop", Directory], TimeSpan.FromSeconds(60));
        }
    }
}
