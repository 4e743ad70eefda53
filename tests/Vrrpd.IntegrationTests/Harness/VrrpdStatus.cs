using System.Text.Json;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>The parts of `vrrpd status --json` the tests assert on (the contract is in the daemon's Status/ folder).</summary>
public sealed record VrrpdStatus(IReadOnlyList<VrrpdInstanceStatus> Instances, string Json)
{
    public VrrpdInstanceStatus Instance(string name) =>
        Instances.FirstOrDefault(i => i.Name == name)
        ?? throw new KeyNotFoundException($"no instance {name} in vrrpd status: {Json}");

    public static VrrpdStatus Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var instances = document.RootElement.GetProperty("instances").EnumerateArray()
            .Select(i => new VrrpdInstanceStatus(
                i.GetProperty("name").GetString() ?? "",
                i.GetProperty("vrid").GetInt32(),
                i.GetProperty("family").GetString() ?? "",
                i.GetProperty("state").GetString() ?? "",
                i.GetProperty("priority").GetInt32(),
                i.TryGetProperty("masterAddress", out var master) && master.ValueKind == JsonValueKind.String ? master.GetString() : null,
                i.GetProperty("virtualAddresses").EnumerateArray().Select(a => a.GetString() ?? "").ToList()))
            .ToList();
        return new VrrpdStatus(instances, json);
    }
}

public sealed record VrrpdInstanceStatus(
    string Name,
    int Vrid,
    string Family,
    string State,
    int Priority,
    string? MasterAddress,
    IReadOnlyList<string> VirtualAddresses);
