using Vrrpd.Configuration;

namespace Vrrpd.Daemon.Reload;

/// <summary>What a reload will do, decided from the two configurations alone (no kernel, no state machine), so it
/// can be tested on its own; <see cref="VrrpDaemon"/> carries it out on the event loop.</summary>
/// <param name="Refusal">Why the reload must not be applied at all (the running configuration is kept), or null.</param>
/// <param name="Restart">Instances that run and are wanted, but stop and start again (a Master first sends
/// priority 0): any change but the addresses, or a member of a sync group that is rebuilt.</param>
/// <param name="AddressesOnly">Instances whose only change is their virtual addresses: taken in place, no
/// transition, with their new configuration.</param>
/// <param name="Removed">Instances that run and are no longer wanted.</param>
/// <param name="Added">Instances wanted that do not run yet.</param>
/// <param name="RebuiltSyncGroups">Sync groups whose definition or members changed.</param>
/// <param name="GlobalChanges">global_defs changes that apply only at the next restart, in words.</param>
internal sealed record ReloadPlan(
    string? Refusal,
    IReadOnlySet<string> Restart,
    IReadOnlyList<VrrpInstanceConfig> AddressesOnly,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Added,
    IReadOnlyList<SyncGroupConfig> RebuiltSyncGroups,
    IReadOnlyList<string> GlobalChanges);

/// <summary>
/// The reload policy (keepalived reloads by restarting everything; vrrpd changes only what changed, so an
/// untouched instance keeps its state, timers and adverts): unchanged instances are left alone; a change of only
/// the virtual addresses is applied in place; any other change restarts the instance; a sync group whose definition
/// or members changed is restarted whole (its members move together); a change of quorum ownership is refused.
/// </summary>
internal static class ReloadPlanner
{
    public static ReloadPlan Plan(VrrpdConfiguration running, IReadOnlyList<VrrpInstanceConfig> runningInstances, VrrpdConfiguration loaded)
    {
        var runningByName = runningInstances.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var wanted = loaded.Instances.ToDictionary(i => i.Name, StringComparer.Ordinal);
        // A claim gates who may hold addresses: changing one under running instances could leave one ungated for a
        // moment (docs/design/ownership.md §10).
        var refusal = SameOwnership(running, loaded) ? null
            : "vrrp_ownership or an ownership reference changed: restart vrrpd to apply it (the running configuration is kept)";

        var restart = new HashSet<string>(StringComparer.Ordinal);
        var addressesOnly = new List<VrrpInstanceConfig>();
        foreach (var config in loaded.Instances)
        {
            if (!runningByName.TryGetValue(config.Name, out var current)) continue;
            switch (InstanceConfigComparer.Compare(current, config))
            {
                case InstanceConfigComparer.Difference.Other: restart.Add(config.Name); break;
                case InstanceConfigComparer.Difference.AddressesOnly: addressesOnly.Add(config); break;
            }
        }
        var rebuilt = ChangedSyncGroups(running, loaded, runningByName.Keys, wanted.Keys, restart);
        foreach (var group in rebuilt)
        {
            foreach (var member in group.Members.Where(wanted.ContainsKey).Where(runningByName.ContainsKey)) restart.Add(member);
        }
        addressesOnly.RemoveAll(a => restart.Contains(a.Name));

        return new ReloadPlan(
            refusal,
            restart,
            addressesOnly,
            runningInstances.Where(i => !wanted.ContainsKey(i.Name)).Select(i => i.Name).ToArray(),
            loaded.Instances.Where(i => !runningByName.ContainsKey(i.Name)).Select(i => i.Name).ToArray(),
            rebuilt,
            GlobalChanges(running.Global, loaded.Global).ToArray());
    }

    /// <summary>The same claims, keys, etcd endpoints, TTLs and gated instances (the records hold lists, which
    /// compare by reference, so they are compared here by value).</summary>
    private static bool SameOwnership(VrrpdConfiguration before, VrrpdConfiguration after)
    {
        static string Describe(OwnershipClaimConfig c) =>
            $"{c.Key}|{string.Join(",", c.Ownership.Endpoints)}|{c.Ownership.LeaseTtl.Ticks}|{string.Join(",", c.Instances.Order(StringComparer.Ordinal))}";
        return before.OwnershipClaims.Select(Describe).Order(StringComparer.Ordinal)
            .SequenceEqual(after.OwnershipClaims.Select(Describe).Order(StringComparer.Ordinal));
    }

    /// <summary>Sync groups to rebuild: new, removed or changed ones, and any with a member that is (re)started,
    /// added or removed (a group binds its members' state machines).</summary>
    private static List<SyncGroupConfig> ChangedSyncGroups(VrrpdConfiguration before, VrrpdConfiguration after,
        IEnumerable<string> running, IEnumerable<string> wanted, HashSet<string> restart)
    {
        var runningSet = running.ToHashSet(StringComparer.Ordinal);
        var wantedSet = wanted.ToHashSet(StringComparer.Ordinal);
        var changed = new List<SyncGroupConfig>();
        foreach (var group in after.SyncGroups)
        {
            var old = before.SyncGroups.FirstOrDefault(g => g.Name == group.Name);
            var same = old is not null && old.Members.SequenceEqual(group.Members) && SameNotify(old.Notify, group.Notify);
            var touched = group.Members.Any(m => restart.Contains(m) || !runningSet.Contains(m));
            if (!same || touched) changed.Add(group);
        }
        foreach (var old in before.SyncGroups.Where(o => after.SyncGroups.All(g => g.Name != o.Name)))
            changed.Add(old with { Members = old.Members.Where(wantedSet.Contains).ToArray() });
        return changed;
    }

    private static bool SameNotify(NotifyCommands a, NotifyCommands b) =>
        (a.Master?.Text, a.Backup?.Text, a.Fault?.Text, a.Stop?.Text, a.Generic?.Text) == (b.Master?.Text, b.Backup?.Text, b.Fault?.Text, b.Stop?.Text, b.Generic?.Text);

    /// <summary>global_defs parts that are read once at start; a change is reported as needing a restart.</summary>
    private static IEnumerable<string> GlobalChanges(GlobalDefinitions before, GlobalDefinitions after)
    {
        if (!Equals(before.MetricsListen, after.MetricsListen)) yield return "metrics_listen changed: applies at the next restart";
        if (before.EventsFile != after.EventsFile || before.EventsFileMaxBytes != after.EventsFileMaxBytes) yield return "events_file changed: applies at the next restart";
        if (before.ControlSocketGroup != after.ControlSocketGroup) yield return "control_socket_group changed: applies at the next restart";
        if (!before.NotifyFifos.Select(f => (f.Path, f.Script?.Text)).SequenceEqual(after.NotifyFifos.Select(f => (f.Path, f.Script?.Text))))
            yield return "notify_fifo changed: applies at the next restart";
        if (before.NvmlLibrary != after.NvmlLibrary) yield return "nvml_library changed: applies at the next restart";
    }
}
