using Vrrpd.Configuration;
using Vrrpd.Daemon.Reload;
using Vrrpd.Status;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

internal sealed partial class VrrpDaemon
{
    /// <summary>
    /// Applies a configuration that loaded without errors, changing only what changed (keepalived reloads by
    /// restarting everything; vrrpd does not, so an untouched instance keeps its state, timers and adverts):
    /// an unchanged instance is left alone; one whose virtual addresses changed gets them in place, without a
    /// transition; any other change restarts that instance (a Master first sends priority 0, RFC 5798 §6.4.3);
    /// added instances start, removed ones stop as at shutdown. A sync group whose definition or members changed is
    /// restarted whole (its members move together). Trackers whose blocks are unchanged keep their state.
    /// Returns one line per change.
    /// </summary>
    public IReadOnlyList<string> Reload(VrrpdConfiguration loaded) => _loop.Invoke(() => ReloadOnLoop(loaded), LoopAnswerTimeout);

    private List<string> ReloadOnLoop(VrrpdConfiguration loaded)
    {
        // SIGHUP can arrive before Start or during Stop; neither may start instances.
        if (StartedAt == default || _stopping) throw new InvalidOperationException(_stopping ? "vrrpd is stopping" : "vrrpd is still starting");
        // A claim gates who may hold addresses: changing one under running instances could leave one ungated for a
        // moment, so such a reload is refused and the running configuration kept (safety before liveness).
        if (!SameOwnership(_config, loaded))
            throw new InvalidOperationException("vrrp_ownership or an ownership reference changed: restart vrrpd to apply it (the running configuration is kept)");
        var changes = new List<string>();
        changes.AddRange(GlobalChanges(_config.Global, loaded.Global));

        var running = _instances.ToDictionary(i => i.Config.Name, StringComparer.Ordinal);
        var wanted = loaded.Instances.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var restart = new HashSet<string>(StringComparer.Ordinal);
        var addressesOnly = new List<(InstanceRuntime Instance, VrrpInstanceConfig Config)>();
        foreach (var config in loaded.Instances)
        {
            if (!running.TryGetValue(config.Name, out var instance)) continue;
            switch (InstanceConfigComparer.Compare(instance.Config, config))
            {
                case InstanceConfigComparer.Difference.Other: restart.Add(config.Name); break;
                case InstanceConfigComparer.Difference.AddressesOnly: addressesOnly.Add((instance, config)); break;
            }
        }
        var restartedGroups = ChangedSyncGroups(_config, loaded, running.Keys, wanted.Keys, restart);
        foreach (var group in restartedGroups)
        {
            foreach (var member in group.Members.Where(wanted.ContainsKey).Where(running.ContainsKey)) restart.Add(member);
        }
        addressesOnly.RemoveAll(a => restart.Contains(a.Config.Name));

        _config = loaded;
        var trackerChanges = _trackers?.Reload(loaded) ?? [];
        changes.AddRange(trackerChanges);

        var receiversBefore = _receivers.Keys.ToHashSet();
        var started = new List<InstanceRuntime>();
        _syncGroups.RemoveAll(g => g.Members.Any(m => restart.Contains(m.Name) || !wanted.ContainsKey(m.Name)));
        foreach (var instance in _instances.ToArray())
        {
            var name = instance.Config.Name;
            if (wanted.ContainsKey(name) && !restart.Contains(name)) continue;
            instance.Stop();
            instance.Ownership?.Ungate(instance);
            instance.Dispose();
            _instances.Remove(instance);
            if (!wanted.ContainsKey(name)) changes.Add($"{name}: removed");
        }
        foreach (var (instance, config) in addressesOnly) changes.Add(instance.ApplyAddressChange(config));

        var ordered = new List<InstanceRuntime>();
        foreach (var config in loaded.Instances)
        {
            if (_instances.FirstOrDefault(i => i.Config.Name == config.Name) is { } kept)
            {
                ordered.Add(kept);
                continue;
            }
            var instance = new InstanceRuntime(config, _context);
            _ownership.FirstOrDefault(g => g.Config.Instances.Contains(config.Name))?.Gate(instance);
            if (_trackers is not null) instance.AttachTrackers(_trackers);
            Observe(instance);
            ordered.Add(instance);
            started.Add(instance);
            changes.Add($"{config.Name}: {(running.ContainsKey(config.Name) ? "restarted (changed)" : "added")}");
        }
        _instances.Clear();
        _instances.AddRange(ordered);

        foreach (var instance in started) instance.Start(ReceiverFor(instance));
        foreach (var (key, receiver) in _receivers.Where(r => !receiversBefore.Contains(r.Key)).ToArray()) receiver.Start();
        StartSyncGroups(loaded.SyncGroups.Where(g => g.Members.Any(m => started.Any(s => s.Config.Name == m))));
        if (trackerChanges.Count > 0)
        {
            foreach (var instance in _instances.Except(started)) instance.RefreshTracking();
        }

        if (changes.Count == 0) changes.Add("no changes");
        foreach (var line in changes) _log.Info($"reload: {line}");
        var reloaded = new FailoverEvent
        {
            Time = _context.Time.GetUtcNow(),
            Kind = "reload",
            Cause = "configuration reloaded: " + string.Join("; ", changes),
        };
        _context.Effects.Enqueue(() => _context.Events.Append(reloaded));
        return changes;
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
