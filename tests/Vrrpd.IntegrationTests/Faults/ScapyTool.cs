using System.Text.Json;
using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests.Faults;

/// <summary>
/// tests/hostile/vrrp_craft.py: VRRP packets built by scapy (Debian's python3-scapy), an implementation this
/// project did not write, sent from a lab host. Debian's own python3 is used, not whatever python3 is first on
/// PATH, since that is the one the package installs scapy for. As root the lab can run, so a missing scapy fails
/// the test that needs it (with the package to install) instead of skipping it: .ci/run installs it.
/// </summary>
internal static class ScapyTool
{
    private const string Python = "/usr/bin/python3";

    public static string Script => Path.Combine(VrrpdBinary.RepositoryRoot(), "tests", "hostile", "vrrp_craft.py");

    /// <summary>Fails the calling test, saying what to install, when scapy cannot be imported.</summary>
    public static void Require()
    {
        var probe = File.Exists(Python) ? Command.Run(Python, "-c", "import scapy.layers.vrrp") : null;
        Assert.True(probe is { Succeeded: true },
            $"scapy is needed for the hostile-network tests: apt-get install python3-scapy ({probe?.StdErr.Trim() ?? $"no {Python}"})");
    }

    /// <summary>Runs the script in <paramref name="host"/>'s namespace and parses the JSON line it prints.</summary>
    public static Dictionary<string, double> Run(Lab lab, LabHost host, params string[] arguments)
    {
        var result = lab.Exec(host, [Python, Script, .. arguments]).EnsureSuccess();
        var line = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonSerializer.Deserialize<Dictionary<string, double>>(line)
            ?? throw new InvalidOperationException($"no JSON from {Script}: {result.StdOut}");
    }
}
