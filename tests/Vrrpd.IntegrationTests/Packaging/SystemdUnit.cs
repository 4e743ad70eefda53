using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests.Packaging;

/// <summary>
/// packaging/systemd/vrrpd.service as systemd reads it (systemd.syntax(7)): its [Service] assignments in file order
/// (comments and blank lines dropped, a key may repeat), and what they add up to for the sandbox settings the tests
/// check: the capability bounding set and the system call filter.
/// </summary>
public sealed class SystemdUnit
{
    private readonly List<(string Section, string Key, string Value)> _assignments;

    private SystemdUnit(List<(string, string, string)> assignments) => _assignments = assignments;

    public static SystemdUnit Shipped() =>
        Parse(File.ReadAllText(Path.Combine(VrrpdBinary.RepositoryRoot(), "packaging", "systemd", "vrrpd.service")));

    public static SystemdUnit Parse(string text)
    {
        var assignments = new List<(string, string, string)>();
        var section = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line[0] == '[')
            {
                section = line.Trim('[', ']');
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0) assignments.Add((section, line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }
        return new SystemdUnit(assignments);
    }

    /// <summary>Every value of KEY in SECTION, in file order.</summary>
    public IReadOnlyList<string> All(string section, string key) =>
        _assignments.Where(a => a.Section == section && a.Key == key).Select(a => a.Value).ToList();

    /// <summary>The value that counts for a single-valued setting: the last one; null when unset.</summary>
    public string? Last(string section, string key) => All(section, key).LastOrDefault();

    /// <summary>CapabilityBoundingSet=: the names, lower-case without "cap_" (setpriv's spelling).</summary>
    public IReadOnlyList<string> BoundingCapabilities() =>
        All("Service", "CapabilityBoundingSet")
            .SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(c => c.ToLowerInvariant().Replace("cap_", "", StringComparison.Ordinal))
            .Distinct()
            .ToList();

    /// <summary>
    /// The system calls SystemCallFilter= lets through, with systemd.exec(5)'s rules: the first assignment decides
    /// the mode (an allow list unless it starts with "~"), and each later one adds to that list, or with "~" takes
    /// away; groups ("@resources") are expanded with <paramref name="expandGroup"/>.
    /// </summary>
    public Func<string, bool> SystemCallFilter(Func<string, IReadOnlySet<string>> expandGroup)
    {
        var lines = All("Service", "SystemCallFilter");
        if (lines.Count == 0) return _ => true;
        var allowList = !lines[0].StartsWith('~');
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var deny = line.StartsWith('~');
            var names = line.TrimStart('~').Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(n => n.StartsWith('@') ? expandGroup(n) : new HashSet<string> { n });
            // Allow-list mode: plain lines add, "~" lines remove; deny-list mode: the other way round.
            if (deny == !allowList) set.UnionWith(names); else set.ExceptWith(names);
        }
        return allowList ? set.Contains : name => !set.Contains(name);
    }
}
