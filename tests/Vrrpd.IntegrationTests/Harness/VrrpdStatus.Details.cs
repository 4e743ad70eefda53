using System.Text.Json;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// The counters and last transition of one instance in `vrrpd status --json` (fields `lastTransition` and
/// `stats` of the contract in src/Vrrpd/Status/StatusReport.cs), for tests that assert nothing changed.
/// </summary>
public sealed record VrrpdInstanceDetails(
    string Name,
    string State,
    string? LastTransition,
    long Transitions,
    long AdvertsReceived,
    long AdvertsSent,
    IReadOnlyDictionary<string, long> Drops)
{
    public long DropsOf(string reason) => Drops.TryGetValue(reason, out long n) ? n : 0;

    public override string ToString() =>
        $"{Name} {State}, {Transitions} transitions (last: {LastTransition ?? "none"}), rx {AdvertsReceived}, tx {AdvertsSent}, " +
        $"drops {{{string.Join(", ", Drops.Select(d => $"{d.Key}={d.Value}"))}}}";
}

public static class VrrpdStatusDetails
{
    public static VrrpdInstanceDetails Details(this VrrpdStatus status, string name)
    {
        using var document = JsonDocument.Parse(status.Json);
        foreach (JsonElement instance in document.RootElement.GetProperty("instances").EnumerateArray())
        {
            if (instance.GetProperty("name").GetString() != name)
            {
                continue;
            }

            JsonElement stats = instance.GetProperty("stats");
            string? last = instance.TryGetProperty("lastTransition", out JsonElement t) && t.ValueKind == JsonValueKind.Object
                ? $"{t.GetProperty("from").GetString()} -> {t.GetProperty("to").GetString()} at {t.GetProperty("at").GetString()} ({t.GetProperty("reason").GetString()})"
                : null;
            return new VrrpdInstanceDetails(
                name,
                instance.GetProperty("state").GetString() ?? "",
                last,
                stats.GetProperty("transitions").GetInt64(),
                stats.GetProperty("advertsReceived").GetInt64(),
                stats.GetProperty("advertsSent").GetInt64(),
                stats.GetProperty("drops").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()));
        }

        throw new KeyNotFoundException($"no instance {name} in vrrpd status: {status.Json}");
    }
}
