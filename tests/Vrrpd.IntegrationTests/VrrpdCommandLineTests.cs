using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests;

/// <summary>The vrrpd executable's config handling, run as a user would run it (no root, no network).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class VrrpdCommandLineTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("vi-cli.");

    private const string BrokenConfig = """
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            priority 300
            virtual_ipaddress {
                192.0.2.100/24
            }
        }
        """;

    [Fact]
    public void CheckConfig_OutOfRangePriority_FailsWithFileLineColumn()
    {
        var path = Write("broken.conf", BrokenConfig);

        var result = Vrrpd("check-config", "-f", path);

        Assert.True(result.ExitCode != 0, $"check-config accepted priority 300\n{result.StdOut}{result.StdErr}");
        // The priority line is line 4; the column is wherever the daemon points, but it must be there.
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(path)}:4:\d+:", result.StdOut + result.StdErr);
    }

    [Fact]
    public void Run_WithConfigError_ExitsTwoWithoutStarting()
    {
        var path = Write("broken.conf", BrokenConfig);

        var result = Vrrpd("run", "-f", path,
            "--control-socket", Path.Combine(directory.FullName, "c.sock"), "--pid-file", Path.Combine(directory.FullName, "p.pid"));

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}, expected 2 (config error)\n{result.StdOut}{result.StdErr}");
    }

    /// <summary>Priorities for two other hosts only: on this machine (its host name is the config id) the instance
    /// has none, and both check-config and run refuse the file instead of running it at the default priority.</summary>
    private const string PriorityForOtherHostsOnly = """
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
        @vrrpd-test-node-a priority 150
        @vrrpd-test-node-b priority 100
            virtual_ipaddress {
                192.0.2.100/24
            }
        }
        """;

    private const string ValidConfig = """
        vrrp_instance VI_1 {
            interface vi-absent0
            virtual_router_id 51
            priority 100
            virtual_ipaddress {
                192.0.2.100/24
            }
        }
        """;

    [Fact]
    public void CheckConfig_PriorityOnlyForOtherHosts_FailsNamingThisHost()
    {
        var path = Write("pair.conf", PriorityForOtherHostsOnly);

        var result = Vrrpd("check-config", "-f", path);

        var output = result.StdOut + result.StdErr;
        Assert.True(result.ExitCode != 0, $"check-config accepted a file with no priority for this host\n{output}");
        Assert.Contains($"{path}:1:1: error: vrrp_instance VI_1 has no priority for config id '{ThisHostsConfigId()}'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PriorityOnlyForOtherHosts_ExitsTwoWithoutStarting()
    {
        var path = Write("pair.conf", PriorityForOtherHostsOnly);

        var result = Vrrpd("run", "-f", path,
            "--control-socket", Path.Combine(directory.FullName, "c.sock"), "--pid-file", Path.Combine(directory.FullName, "p.pid"));

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}, expected 2 (config error)\n{result.StdOut}{result.StdErr}");
    }

    [Fact]
    public void CheckConfig_MissingFile_SaysNoSuchFile_NotAResourceKey()
    {
        var path = Path.Combine(directory.FullName, "absent.conf");

        var result = Vrrpd("check-config", "-f", path);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}, expected 2\n{result.StdOut}{result.StdErr}");
        Assert.Contains($"cannot read '{path}': No such file or directory", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("IO_", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("demote", "VI_1")]
    [InlineData("reload")]
    public void ClientCommand_WithoutAControlSocket_SaysNoDaemonRuns_ExitsThree(params string[] command)
    {
        var socket = Path.Combine(directory.FullName, "absent.sock");

        var result = Vrrpd([.. command, "--control-socket", socket]);

        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}, expected 3 (not running)\n{result.StdOut}{result.StdErr}");
        Assert.Equal($"no control socket at {socket}; is vrrpd running?", result.StdErr.Trim());
    }

    [RootFact]
    public void Demote_AsAnotherUserOnAMode0600Socket_IsPermissionDenied_ExitsFive()
    {
        OpenToOthers();
        var path = Path.Combine(directory.FullName, "c.sock");
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        listener.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(1);

        var result = VrrpdAsNobody("demote", "VI_1", "--control-socket", path);

        Assert.True(result.ExitCode == 5, $"exit {result.ExitCode}, expected 5 (refused)\n{result.StdOut}{result.StdErr}");
        Assert.StartsWith("permission denied", result.StdErr, StringComparison.Ordinal);
    }

    [RootFact]
    public void Run_AsAnotherUserWithoutCapabilities_SaysWhichAreMissing_InOneLine_ExitOne()
    {
        OpenToOthers();
        var config = Write("ok.conf", ValidConfig);

        var result = VrrpdAsNobody("run", "-f", config,
            "--pid-file", Path.Combine(directory.FullName, "p.pid"), "--control-socket", Path.Combine(directory.FullName, "c.sock"));

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}, expected 1 (runtime error)\n{result.StdOut}{result.StdErr}");
        var line = Assert.Single(ErrorLines(result));
        Assert.Contains("this process lacks CAP_NET_ADMIN and CAP_NET_RAW: run it as root", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory.FullName, "p.pid")), "the pid file was written by a run that could not start");
    }

    [RootFact]
    public void Run_AsRootWithoutCapNetRaw_NamesOnlyThatCapability_ExitOne()
    {
        var config = Write("ok.conf", ValidConfig);
        var (fileName, prefix) = VrrpdBinary.Resolve();

        // Root with CAP_NET_RAW taken out of the bounding set, as a container or a unit without it would run vrrpd.
        var result = Command.Run("setpriv", ["--bounding-set=-net_raw", fileName, .. prefix, "run", "-f", config,
            "--pid-file", Path.Combine(directory.FullName, "p.pid"), "--control-socket", Path.Combine(directory.FullName, "c.sock")],
            TimeSpan.FromSeconds(20));

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}, expected 1 (runtime error)\n{result.StdOut}{result.StdErr}");
        var line = Assert.Single(ErrorLines(result));
        Assert.Contains("this process lacks CAP_NET_RAW: ", line, StringComparison.Ordinal);
    }

    [RootFact]
    public void Run_AsAnotherUserWithCapabilities_UnwritablePidFile_IsOneLineAndExitOne_NotAStackTrace()
    {
        OpenToOthers();
        var config = Write("ok.conf", ValidConfig);
        // A directory only root may write: the pid file is the first thing run cannot create.
        var rootOnly = Directory.CreateDirectory(Path.Combine(directory.FullName, "run"));
        File.SetUnixFileMode(rootOnly.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        // nobody with the two capabilities as ambient ones, as the unit's `User=` drop-in runs it.
        var result = VrrpdAsNobody(["--inh-caps=+net_admin,+net_raw", "--ambient-caps=+net_admin,+net_raw"], "run", "-f", config,
            "--pid-file", Path.Combine(rootOnly.FullName, "p.pid"), "--control-socket", Path.Combine(rootOnly.FullName, "c.sock"));

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}, expected 1 (runtime error)\n{result.StdOut}{result.StdErr}");
        var line = Assert.Single(ErrorLines(result));
        Assert.Contains($"cannot write the pid file {Path.Combine(rootOnly.FullName, "p.pid")}: Permission denied", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vrrpd", "bogus")]
    [InlineData("vrrpd status", "status", "--bogus")]
    [InlineData("vrrpd demote", "demote")]
    public void UsageError_IsExit64_WithTheErrorAndWhereTheHelpIs(string helpFor, params string[] arguments)
    {
        var result = Vrrpd(arguments);

        Assert.True(result.ExitCode == 64, $"exit {result.ExitCode}, expected 64 (usage)\n{result.StdOut}{result.StdErr}");
        var lines = result.StdErr.Trim().Split('\n');
        Assert.Equal($"see `{helpFor} --help`", lines[^1]);
        Assert.True(lines.Length >= 2, $"no error before the pointer to the help:\n{result.StdErr}");
        Assert.Equal("", result.StdOut);
    }

    /// <summary>stderr's lines less the configuration's warnings (the test file's interface does not exist here).</summary>
    private static List<string> ErrorLines(CommandResult result) =>
        result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("warning:", StringComparison.Ordinal)).ToList();

    public void Dispose() => directory.Delete(recursive: true);

    /// <summary>keepalived's default config id, as vrrpd computes it: the host name up to its first dot.</summary>
    private static string ThisHostsConfigId() => Environment.MachineName.Split('.')[0];

    /// <summary>The temporary directory is 0700; nobody needs to reach the files in it.</summary>
    private void OpenToOthers() =>
        File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

    private static CommandResult VrrpdAsNobody(params string[] arguments) => VrrpdAsNobody([], arguments);

    /// <summary>vrrpd as uid/gid 65534, with <paramref name="setprivOptions"/> (capabilities) given to setpriv.</summary>
    private static CommandResult VrrpdAsNobody(string[] setprivOptions, params string[] arguments)
    {
        var (fileName, prefix) = VrrpdBinary.Resolve();
        // DOTNET_CLI_HOME: `dotnet vrrpd.dll` as nobody needs a writable home for its first-run files.
        return Command.Run("env", ["HOME=/tmp", "DOTNET_CLI_HOME=/tmp", "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
            .. setprivOptions, fileName, .. prefix, .. arguments], TimeSpan.FromSeconds(20));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory.FullName, name);
        File.WriteAllText(path, text + "\n");
        return path;
    }

    private static CommandResult Vrrpd(params string[] arguments)
    {
        var (fileName, prefix) = VrrpdBinary.Resolve();
        return Command.Run(fileName, prefix.Concat(arguments), TimeSpan.FromSeconds(10));
    }
}
