namespace Vrrpd.Health;

/// <summary>
/// A reading a probe exposes for status and metrics but never decides on (GPU utilization, memory used:
/// busy is not broken). Name in Prometheus style with its unit ("temperature_celsius"); Device names the
/// GPU index or container when a probe watches several.
/// </summary>
public readonly record struct Measurement(string Name, double Value, string? Device = null);
