using System.Globalization;
using System.Text;

namespace Vrrpd.Daemon.Metrics;

/// <summary>
/// Builds Prometheus text exposition format 0.0.4: samples are grouped by family, each family once with its
/// <c># HELP</c> and <c># TYPE</c> lines; label values escaped (backslash, quote, newline) as the format requires.
/// </summary>
internal sealed class Exposition
{
    private readonly Dictionary<string, Family> _families = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    private sealed record Family(string Help, string Type, List<string> Samples);

    public void Gauge(string name, string help, double value, params (string Name, string Value)[] labels) =>
        Add(name, help, "gauge", value, labels);

    /// <summary>A counter; <paramref name="name"/> ends in <c>_total</c> by convention.</summary>
    public void Counter(string name, string help, double value, params (string Name, string Value)[] labels) =>
        Add(name, help, "counter", value, labels);

    private void Add(string name, string help, string type, double value, (string Name, string Value)[] labels)
    {
        if (!_families.TryGetValue(name, out var family))
        {
            family = new Family(help, type, []);
            _families[name] = family;
            _order.Add(name);
        }
        var text = new StringBuilder(name);
        if (labels.Length > 0)
        {
            text.Append('{');
            text.AppendJoin(',', labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\""));
            text.Append('}');
        }
        text.Append(' ').Append(Format(value));
        family.Samples.Add(text.ToString());
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var name in _order)
        {
            var family = _families[name];
            text.Append("# HELP ").Append(name).Append(' ').Append(family.Help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(family.Type).Append('\n');
            foreach (var sample in family.Samples) text.Append(sample).Append('\n');
        }
        return text.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
