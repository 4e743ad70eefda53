using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

internal sealed partial class VrrpDaemon
{
    // The state each sync group last notified, so a group's scripts run once per change of the group as a whole.
    private readonly Dictionary<string, VrrpState> _groupStates = new(StringComparer.Ordinal);

    /// <summary>Every instance's transitions feed systemd's STATUS (via <see cref="Transitioned"/>) and the sync
    /// groups' notify.</summary>
    private void Observe(InstanceRuntime instance) =>
        instance.TransitionObserved += (member, _) =>
        {
            NotifySyncGroup(member);
            PublishRoles();
            Transitioned?.Invoke();
        };

    /// <summary>
    /// keepalived's vrrp_sync_group notify (vrrp_sync.c): when every member has reached the same state, the group's
    /// notify_master|backup|fault|stop and generic <c>notify</c> (GROUP name STATE 0) run, and the FIFOs get a GROUP
    /// line, once per change. Runs on the loop (the scripts on the effects worker), after the member's own INSTANCE notify.
    /// </summary>
    private void NotifySyncGroup(InstanceRuntime member)
    {
        foreach (var group in _config.SyncGroups.Where(g => g.Members.Contains(member.Config.Name)))
        {
            var states = group.Members.Select(name => _instances.FirstOrDefault(i => i.Config.Name == name)?.State).Distinct().ToArray();
            if (states is not [{ } common]) continue;
            if (_groupStates.TryGetValue(group.Name, out var last) && last == common) continue;
            _groupStates[group.Name] = common;
            var (name, notify) = (group.Name, group.Notify);
            _context.Effects.Enqueue(() => _context.Notify.OnGroupTransition(name, notify, common));
        }
    }
}
