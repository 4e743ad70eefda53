using System.Text.Json;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>One entry of an instance's <c>checks[]</c> in <c>vrrpd status --json</c> (src/Vrrpd/Status/StatusReport.cs).</summary>
public sealed record TrackerCheck(
    string Name,
    string Kind,
    string State,
    string? Reason,
    int Weight,
    int AppliedDelta,
    IReadOnlyList<TrackerMeasurement> Measurements,
    string Json)
{
    /// <summary>The reading named <paramref name="name"/> (e.g. "temperature_celsius"), or null.</summary>
    public double? Measurement(string name, string? device = null) =>
        Measurements.FirstOrDefault(m => m.Name == name && (device is null || m.Device == device))?.Value;

    /// <summary>The check <paramref name="name"/> of instance <paramref name="instance"/>, read from the daemon now.</summary>
    public static TrackerCheck Read(DaemonProcess daemon, string name, string instance = "VI_1")
    {
        var json = daemon.Status().Json;
        using var document = JsonDocument.Parse(json);
        var entry = document.RootElement.GetProperty("instances").EnumerateArray()
            .Single(i => i.GetProperty("name").GetString() == instance)
            .GetProperty("checks").EnumerateArray()
            .SingleOrDefault(c => c.GetProperty("name").GetString() == name);
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new KeyNotFoundException($"no check {name} in {instance}: {json}");
        }

        var measurements = entry.TryGetProperty("measurements", out var list)
            ? list.EnumerateArray().Select(m => new TrackerMeasurement(
                m.GetProperty("name").GetString() ?? "",
                m.GetProperty("value").GetDouble(),
                m.TryGetProperty("device", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null)).ToList()
            : [];
        return new TrackerCheck(
            entry.GetProperty("name").GetString() ?? "",
            entry.GetProperty("kind").GetString() ?? "",
            entry.GetProperty("state").GetString() ?? "",
            entry.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null,
            entry.GetProperty("weight").GetInt32(),
            entry.GetProperty("appliedDelta").GetInt32(),
            measurements,
            entry.GetRawText());
    }

    public override string ToString() => Json;
}

public sealed record TrackerMeasurement(string Name, double Value, string? Device);
