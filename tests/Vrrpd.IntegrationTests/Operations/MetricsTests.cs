using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Operations;

/// <summary>metrics_listen: Prometheus text at /metrics, scraped from inside the lab host.</summary>
public sealed class MetricsTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(8);

    [LabFact]
    public async Task Metrics_ParseLineByLine_AndFollowAStateChange()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var listen = $"{primary.Ipv4}:9650";
        var a = lab.StartVrrpd(primary, OperationsConfig.Text(lab, primary, $"    metrics_listen {listen}", new VrrpInstanceConfig { Priority = 150 }));
        lab.StartVrrpd(backup, OperationsConfig.Text(lab, backup, "", new VrrpInstanceConfig { Priority = 100 }));
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);

        // Under `dotnet vrrpd.dll` the listener's first JIT can lag the VIP on a busy machine.
        await Eventually.Until(() => Command.Run("ip", "netns", "exec", primary.Namespace, "curl", "-s", "-o", "/dev/null", $"http://{listen}/").Succeeded,
            Settle, $"metrics answering on {listen}", () => a.Describe());
        var exposition = ScrapeText(lab, primary, listen);
        var before = PrometheusText.Parse(exposition);

        // Prometheus' own linter over what a real vrrpd serves: names, types, HELP, units and counter suffixes.
        Assert.True(Command.Exists("promtool"), "promtool is not on PATH: run `sudo packaging/install-deps.sh` (Debian's prometheus package has it)");
        var exposed = Path.Combine(lab.WorkDirectory, "metrics.txt");
        File.WriteAllText(exposed, exposition);
        var lint = Command.Run("sh", "-c", $"promtool check metrics < '{exposed}'");
        Assert.True(lint.Succeeded && lint.StdOut.Trim().Length == 0 && lint.StdErr.Trim().Length == 0,
            $"promtool check metrics (exit {lint.ExitCode}):\n{lint.StdOut}{lint.StdErr}");

        Assert.Equal(1, Value(before, "vrrpd_instance_state", ("vrrp_instance", "VI_1"), ("state", "master")));
        Assert.Equal(0, Value(before, "vrrpd_instance_state", ("vrrp_instance", "VI_1"), ("state", "backup")));
        Assert.Equal(150, Value(before, "vrrpd_instance_effective_priority", ("vrrp_instance", "VI_1")));
        Assert.Equal(1, Value(before, "vrrpd_instance_master_info", ("vrrp_instance", "VI_1"), ("master", primary.Ipv4.ToString())));
        Assert.Equal(1, Value(before, "vrrpd_instance_transitions_total", ("from", "backup"), ("to", "master")));
        Assert.Equal(1, Value(before, "vrrpd_instance_failovers_total", ("vrrp_instance", "VI_1")));
        Assert.True(Value(before, "vrrpd_instance_adverts_sent_total", ("vrrp_instance", "VI_1")) > 0);
        Assert.True(Value(before, "vrrpd_instance_last_transition_timestamp_seconds", ("vrrp_instance", "VI_1")) > 1.7e9);

        VrrpdClient.Run(a, "demote", "VI_1").EnsureSuccess();
        await Eventually.Until(() => lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {backup}", lab.Report);

        var after = Scrape(lab, primary, listen);
        Assert.Equal(0, Value(after, "vrrpd_instance_state", ("vrrp_instance", "VI_1"), ("state", "master")));
        Assert.Equal(1, Value(after, "vrrpd_instance_state", ("vrrp_instance", "VI_1"), ("state", "backup")));
        Assert.Equal(1, Value(after, "vrrpd_instance_effective_priority", ("vrrp_instance", "VI_1")));
        Assert.Equal(1, Value(after, "vrrpd_instance_demoted", ("vrrp_instance", "VI_1")));
        Assert.Equal(1, Value(after, "vrrpd_instance_transitions_total", ("from", "master"), ("to", "backup")));
        Assert.Equal(1, Value(after, "vrrpd_instance_master_info", ("vrrp_instance", "VI_1"), ("master", backup.Ipv4.ToString())));
        Assert.True(Value(after, "vrrpd_instance_adverts_received_total", ("vrrp_instance", "VI_1")) > 0);

        var missing = Command.Run("ip", "netns", "exec", primary.Namespace, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", $"http://{listen}/nothing");
        Assert.Equal("404", missing.StdOut);
    }

    private static IReadOnlyList<PrometheusSample> Scrape(Lab lab, LabHost host, string listen) => PrometheusText.Parse(ScrapeText(lab, host, listen));

    /// <summary>GET /metrics from inside the lab host: the body, after checking the content type.</summary>
    private static string ScrapeText(Lab lab, LabHost host, string listen)
    {
        var result = Command.Run("ip", ["netns", "exec", host.Namespace, "curl", "-sS", "-D", "-", $"http://{listen}/metrics"], TimeSpan.FromSeconds(10)).EnsureSuccess();
        var split = result.StdOut.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", 2);
        Assert.Contains("content-type: text/plain; version=0.0.4", split[0], StringComparison.OrdinalIgnoreCase);
        return split[1];
    }

    private static double Value(IReadOnlyList<PrometheusSample> samples, string name, params (string, string)[] labels)
    {
        var matching = samples.Where(s => s.Name == name && s.Has(labels)).ToArray();
        Assert.True(matching.Length == 1, $"{matching.Length} samples of {name} with {string.Join(",", labels)}:\n{string.Join("\n", samples.Where(s => s.Name == name))}");
        return matching[0].Value;
    }
}
