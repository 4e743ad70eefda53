using System.Globalization;
using System.Text.RegularExpressions;

namespace Vrrpd.IntegrationTests.Operations;

/// <summary>One sample of a Prometheus text exposition: name, labels, value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public bool Has(params (string Name, string Value)[] labels) => labels.All(l => Labels.TryGetValue(l.Name, out var v) && v == l.Value);
}

/// <summary>
/// A strict reader of the text exposition format 0.0.4, enough to prove a scrape is well formed: every line is a
/// HELP, a TYPE (before the family's samples, once), or a sample `name{label="value",...} value`; names and label
/// names match the format's grammar; a family's samples are contiguous; counters end in _total.
/// </summary>
public static partial class PrometheusText
{
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\\\|\\""|\\n|[^\\""])*)""(,|$)")]
    private static partial Regex Label();

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<rest>.*)$")]
    private static partial Regex Comment();

    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var closed = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lines = text.Split('\n');
        Assert.True(text.EndsWith('\n'), "the exposition ends with a newline");
        foreach (var line in lines[..^1])
        {
            if (Comment().Match(line) is { Success: true } comment)
            {
                var family = comment.Groups["name"].Value;
                if (comment.Groups["kind"].Value == "TYPE")
                {
                    Assert.False(types.ContainsKey(family), $"second TYPE line for {family}");
                    Assert.Contains(comment.Groups["rest"].Value, new[] { "counter", "gauge", "histogram", "summary", "untyped" });
                    types[family] = comment.Groups["rest"].Value;
                }
                if (current != family && current is not null) closed.Add(current);
                Assert.DoesNotContain(family, closed);
                current = family;
                continue;
            }
            var sample = Sample().Match(line);
            Assert.True(sample.Success, $"not a sample line: '{line}'");
            var name = sample.Groups["name"].Value;
            Assert.True(name == current, $"sample {name} outside its family's block (after {current})");
            Assert.True(types.ContainsKey(name), $"sample {name} before its TYPE line");
            if (types[name] == "counter") Assert.EndsWith("_total", name, StringComparison.Ordinal);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            var rest = sample.Groups["labels"].Value;
            while (rest.Length > 0)
            {
                var label = Label().Match(rest);
                Assert.True(label.Success, $"bad label list in '{line}'");
                Assert.True(labels.TryAdd(label.Groups["name"].Value, label.Groups["value"].Value.Replace("\\\"", "\"").Replace("\\n", "\n").Replace("\\\\", "\\")),
                    $"label {label.Groups["name"].Value} twice in '{line}'");
                rest = rest[label.Length..];
            }
            var valueText = sample.Groups["value"].Value;
            var value = valueText switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.Add(new PrometheusSample(name, labels, value));
        }
        return samples;
    }
}
