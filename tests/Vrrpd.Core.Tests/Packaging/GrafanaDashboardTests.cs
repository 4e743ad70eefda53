using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vrrpd.Tests.Packaging;

/// <summary>packaging/monitoring/vrrpd-dashboard.json: ready for Grafana's file provisioning (a fixed uid, no
/// database id, the Prometheus data source as a variable), and every panel's query valid PromQL (checked by promtool,
/// as a recording rule) over series vrrpd documents.</summary>
public partial class GrafanaDashboardTests
{
    private static readonly string Root = RepositoryRoot();
    private static readonly JsonElement Dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "packaging", "monitoring", "vrrpd-dashboard.json"))).RootElement;

    [Fact]
    public void Dashboard_IsReadyForProvisioning()
    {
        Assert.Equal("vrrpd", Dashboard.GetProperty("uid").GetString());
        Assert.False(Dashboard.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number, "a database id would tie the file to one Grafana");
        var variables = Dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
        Assert.Contains(variables, v => v.GetProperty("type").GetString() == "datasource" && v.GetProperty("query").GetString() == "prometheus");
        Assert.All(Panels(), p => Assert.Equal("${datasource}", p.GetProperty("datasource").GetProperty("uid").GetString()));
        Assert.Equal(Panels().Count, Panels().Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
    }

    [Fact]
    public void Dashboard_ShowsStatePerHost_Failovers_Trackers_AndGpuReadings()
    {
        var expressions = string.Join('\n', Expressions());

        Assert.Contains("vrrpd_instance_state", expressions, StringComparison.Ordinal);
        Assert.Contains("vrrpd_instance_failovers_total", expressions, StringComparison.Ordinal);
        Assert.Contains("vrrpd_tracker_state", expressions, StringComparison.Ordinal);
        Assert.Contains("vrrpd_gpu_temperature_celsius", expressions, StringComparison.Ordinal);
        Assert.Contains("vrrpd_gpu_xid_total", expressions, StringComparison.Ordinal);
    }

    [Fact]
    public void Queries_UseOnlySeriesTheReadmeDocuments()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var metrics = readme[readme.IndexOf("\n## Metrics", StringComparison.Ordinal)..];
        metrics = metrics[..metrics.IndexOf("\n## ", 1, StringComparison.Ordinal)];

        var used = Expressions().SelectMany(e => SeriesName().Matches(e).Select(m => m.Value)).Distinct().ToList();

        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.True(metrics.Contains($"`{name}", StringComparison.Ordinal), $"{name} is not among the series README's Metrics section lists"));
    }

    [PromtoolFact]
    public void Queries_AreValidPromQl()
    {
        Assert.True(Promtool.Path is not null, PromtoolFactAttribute.Missing);
        // Grafana's $__rate_interval is not PromQL; any duration stands in for it.
        var rules = "groups:\n  - name: dashboard\n    rules:\n" + string.Concat(Expressions().Select((e, i) =>
            $"      - record: dashboard:query{i}\n        expr: {JsonSerializer.Serialize(e.Replace("$__rate_interval", "5m", StringComparison.Ordinal))}\n"));
        var file = Path.Combine(Path.GetTempPath(), $"vrrpd-dashboard-{Environment.ProcessId}.rules.yml");
        File.WriteAllText(file, rules);
        try
        {
            var (exitCode, output) = Promtool.Run(Path.GetTempPath(), null, "check", "rules", file);

            Assert.True(exitCode == 0, $"promtool check rules over the dashboard's queries exited {exitCode}:\n{output}");
            Assert.Contains($"SUCCESS: {Expressions().Count} rules found", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static List<JsonElement> Panels() => Dashboard.GetProperty("panels").EnumerateArray().ToList();

    private static List<string> Expressions() =>
        Panels().SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();

    [GeneratedRegex(@"\bvrrpd_[a-z_]+")]
    private static partial Regex SeriesName();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Vrrpd.sln"))) return directory.FullName;
        }
        throw new DirectoryNotFoundException($"no Vrrpd.sln above {AppContext.BaseDirectory}");
    }
}
