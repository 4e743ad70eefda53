using Vrrpd.Configuration;
using Vrrpd.Daemon.Reload;
using Vrrpd.Status;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

internal sealed partial class VrrpDaemon
{
    /// <summary>
    /// Applies a configuration that loaded without errors, as <see cref="ReloadPlanner"/> decided from the two
    /// configurations: unchanged instances keep their state, timers and adverts; an address-only change is taken in
    /// place; other changes restart the instance (a Master first sends priority 0, RFC 5798 §6.4.3); sync groups
    /// that changed restart whole; trackers whose blocks are unchanged keep their state. Returns one line per change.
    /// </summary>
    public IReadOnlyList<string> Reload(VrrpdConfiguration loaded) => _loop.Invoke(() => ReloadOnLoop(loaded), LoopAnswerTimeout);

    private List<string> ReloadOnLoop(VrrpdConfiguration loaded)
    {
        // SIGHUP can arrive before Start or during Stop; neither may start instances.
        if (StartedAt == default || _stopping) throw new InvalidOperationException(_stopping ? "vrrpd is stopping" : "vrrpd is still starting");
        var plan = ReloadPlanner.Plan(_config, _instances.Select(i => i.Config).ToArray(), loaded);
        if (plan.Refusal is { } refusal) throw new InvalidOperationException(refusal);
        var changes = new List<string>(plan.GlobalChanges);
        var wanted = loaded.Instances.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var running = _instances.Select(i => i.Config.Name).ToHashSet(StringComparer.Ordinal);
        var restart = plan.Restart;
        var addressesOnly = plan.AddressesOnly.Select(c => (Instance: _instances.First(i => i.Config.Name == c.Name), Config: c)).ToArray();

        _config = loaded;
        var trackerChanges = _trackers?.Reload(loaded) ?? [];
        changes.AddRange(trackerChanges);

        var receiversBefore = _receivers.Keys.ToHashSet();
        var started = new List<InstanceRuntime>();
        _syncGroups.RemoveAll(g => g.Members.Any(m => restart.Contains(m.Name) || !wanted.Contains(m.Name)));
        foreach (var instance in _instances.ToArray())
        {
            var name = instance.Config.Name;
            if (wanted.Contains(name) && !restart.Contains(name)) continue;
            instance.Stop();
            instance.Ownership?.Ungate(instance);
            instance.Dispose();
            _instances.Remove(instance);
            if (!wanted.Contains(name)) changes.Add($"{name}: removed");
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
            changes.Add($"{config.Name}: {(running.Contains(config.Name) ? "restarted (changed)" : "added")}");
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

        PublishRoles();
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
}
