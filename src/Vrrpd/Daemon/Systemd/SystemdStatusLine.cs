using Vrrpd.Status;

namespace Vrrpd.Daemon.Systemd;

/// <summary>
/// The STATUS= line `systemctl status vrrpd` shows: each instance's state and advertised priority, with the
/// first fault reason, e.g. "GPU_V4 Master 150, GPU_V6 Fault (eth0 down)". Past a handful of instances the line
/// would be cut by the terminal, so it becomes counts per state plus the faulted instances' names.
/// </summary>
public static class SystemdStatusLine
{
    /// <summary>Up to this many instances are listed one by one.</summary>
    public const int ListedInstances = 4;

    public static string From(StatusReport report) =>
        Format(report.Instances.Select(i => (i.Name, i.State, i.EffectivePriority, i.FaultReasons)).ToList());

    public static string Format(IReadOnlyList<(string Name, string State, int Priority, IReadOnlyList<string> FaultReasons)> instances)
    {
        if (instances.Count == 0) return "no instances configured";
        if (instances.Count <= ListedInstances) return string.Join(", ", instances.Select(Describe));

        var counts = instances
            .GroupBy(i => i.State)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}");
        var line = $"{instances.Count} instances: {string.Join(", ", counts)}";
        var faulted = instances.Where(i => i.State == "Fault").Select(i => i.Name).ToList();
        return faulted.Count == 0 ? line : $"{line}; in Fault: {string.Join(" ", faulted)}";
    }

    private static string Describe((string Name, string State, int Priority, IReadOnlyList<string> FaultReasons) instance) =>
        instance.FaultReasons.Count > 0
            ? $"{instance.Name} {instance.State} ({instance.FaultReasons[0]})"
            : $"{instance.Name} {instance.State} {instance.Priority}";
}
