using System.Text.RegularExpressions;

namespace Vrrpd.Tests.Packaging;

/// <summary>packaging/monitoring's alert rules: valid for Prometheus, passing their own unit tests (promtool test
/// rules), built only from series vrrpd exposes, and every alert covered by a test case.</summary>
public partial class PrometheusRulesTests
{
    private static readonly string Monitoring = System.IO.Path.Combine(RepositoryRoot(), "packaging", "monitoring");
    private static readonly string Rules = System.IO.Path.Combine(Monitoring, "vrrpd-alerts.yml");
    private static readonly string RuleTests = System.IO.Path.Combine(Monitoring, "tests", "vrrpd-alerts.test.yml");

    [PromtoolFact]
    public void AlertRules_PassPromtoolCheckRules()
    {
        Assert.True(Promtool.Path is not null, PromtoolFactAttribute.Missing);

        var (exitCode, output) = Promtool.Run(Monitoring, null, "check", "rules", Rules);

        Assert.True(exitCode == 0, $"promtool check rules exited {exitCode}:\n{output}");
        Assert.Contains($"SUCCESS: {AlertNames().Count} rules found", output, StringComparison.Ordinal);
    }

    [PromtoolFact]
    public void AlertRules_PassTheirUnitTests()
    {
        Assert.True(Promtool.Path is not null, PromtoolFactAttribute.Missing);

        var (exitCode, output) = Promtool.Run(System.IO.Path.GetDirectoryName(RuleTests)!, null, "test", "rules", RuleTests);

        Assert.True(exitCode == 0, $"promtool test rules exited {exitCode}:\n{output}");
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryAlert_HasATestCaseThatExpectsItToFire()
    {
        var tests = File.ReadAllText(RuleTests);
        foreach (var alert in AlertNames())
        {
            // A case for the alert whose exp_alerts is not empty: "alertname: X\n        exp_alerts:\n          - ".
            Assert.Matches(new Regex($@"alertname: {alert}\s*\n\s*exp_alerts:\s*\n\s*- exp_labels:"), tests);
        }
    }

    [Fact]
    public void AlertRules_UseOnlySeriesTheReadmeDocuments()
    {
        var readme = File.ReadAllText(System.IO.Path.Combine(RepositoryRoot(), "README.md"));
        var metricsSection = readme[readme.IndexOf("\n## Metrics", StringComparison.Ordinal)..];
        metricsSection = metricsSection[..metricsSection.IndexOf("\n## ", 1, StringComparison.Ordinal)];

        var used = SeriesName().Matches(File.ReadAllText(Rules)).Select(m => m.Value).Distinct().ToList();

        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.True(metricsSection.Contains($"`{name}", StringComparison.Ordinal),
            $"{name} is not among the series README's Metrics section lists"));
    }

    private static List<string> AlertNames() =>
        AlertName().Matches(File.ReadAllText(Rules)).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"- alert: (\w+)")]
    private static partial Regex AlertName();

    [GeneratedRegex(@"\bvrrpd_[a-z_]+")]
    private static partial Regex SeriesName();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Vrrpd.sln"))) return directory.FullName;
        }
        throw new DirectoryNotFoundException($"no Vrrpd.sln above {AppContext.BaseDirectory}");
    }
}
