namespace Vrrpd.Health;

/// <summary>
/// A reading a probe exposes for status and metrics but never decides on (GPU utilization, memory used:
/// busy is not broken). Name in Prometheus style with its unit ("temperature_celsius"); Device names the
/// GPU index or container when a probe watches several; Label tells apart readings of one family (the Xid code
/// of "xid_total"), carried as a fact so that nothing parses it back out of a name.
/// </summary>
public readonly record struct Measurement(string Name, double Value, string? Device = null, MeasurementLabel? Label = null)
{
    /// <summary>The name status shows: the label's value spliced in before the unit suffix ("xid_79_total"), or the
    /// name itself.</summary>
    public string DisplayName => Label is not { } label ? Name
        : Name.EndsWith("_total", StringComparison.Ordinal) ? $"{Name[..^"_total".Length]}_{label.Value}_total"
        : $"{Name}_{label.Value}";
}

/// <summary>One label of a <see cref="Measurement"/> family: its name and value (xid = 79).</summary>
public readonly record struct MeasurementLabel(string Name, string Value);
