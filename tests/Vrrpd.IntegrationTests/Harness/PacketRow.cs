using System.Globalization;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>One packet read back from a capture: the tshark fields asked for, by name.</summary>
public sealed class PacketRow(IReadOnlyDictionary<string, string> fields)
{
    /// <summary>The field's text as tshark prints it ("" when the packet lacks it).</summary>
    public string this[string field] => fields.TryGetValue(field, out var value) ? value : "";

    /// <summary>frame.time_epoch in seconds.</summary>
    public double Time => double.Parse(this["frame.time_epoch"], CultureInfo.InvariantCulture);

    public override string ToString() => string.Join(' ', fields.Select(f => $"{f.Key}={f.Value}"));
}
