using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests.Packaging;

/// <summary>systemd's system call groups (@system-service, @privileged, ...) as this machine's systemd defines them,
/// read from `systemd-analyze syscall-filter` (which needs no running systemd) and expanded to plain names.</summary>
public sealed class SyscallGroups
{
    private readonly Dictionary<string, List<string>> _members;

    private SyscallGroups(Dictionary<string, List<string>> members) => _members = members;

    /// <summary>The listing's shape: a "@group" line, then its members indented, "#" lines being descriptions.</summary>
    public static SyscallGroups Load()
    {
        var listing = Command.Run("systemd-analyze", "syscall-filter").EnsureSuccess().StdOut;
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var raw in listing.Split('\n'))
        {
            if (raw.StartsWith('@'))
            {
                current = members[raw.Trim()] = [];
                continue;
            }
            var line = raw.Trim();
            if (current is null || line.Length == 0 || line.StartsWith('#')) continue;
            current.Add(line);
        }
        return new SyscallGroups(members);
    }

    public IReadOnlySet<string> Expand(string group)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Add(group, names, new HashSet<string>(StringComparer.Ordinal));
        return names;
    }

    private void Add(string group, HashSet<string> names, HashSet<string> seen)
    {
        if (!seen.Add(group)) return;
        if (!_members.TryGetValue(group, out var members)) throw new KeyNotFoundException($"systemd knows no system call group {group}");
        foreach (var member in members)
        {
            if (member.StartsWith('@')) Add(member, names, seen); else names.Add(member);
        }
    }
}
