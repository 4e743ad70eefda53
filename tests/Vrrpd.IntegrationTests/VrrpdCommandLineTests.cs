using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests;

/// <summary>The vrrpd executable's config handling, run as a user would run it (no root, no network).</summary>
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

    public void Dispose() => directory.Delete(recursive: true);

    /// <summary>keepalived's default config id, as vrrpd computes it: the host name up to its first dot.</summary>
    private static string ThisHostsConfigId() => Environment.MachineName.Split('.')[0];

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
