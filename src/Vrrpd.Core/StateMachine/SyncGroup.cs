namespace Vrrpd.StateMachine;

/// <summary>
/// keepalived's <c>vrrp_sync_group</c> (vrrp_sync.c): instances that move together, so that e.g. the VIPs on two
/// interfaces always sit on the same host. A member goes Master only when every member wants Master, and then all
/// go together; a member leaving Master for Backup takes the others out of Master (no priority-0 advert); a fault on
/// any member holds every member in Fault. Members must share one gate; the group runs under it.
/// </summary>
public sealed class SyncGroup
{
    private readonly IReadOnlyList<VirtualRouter> _members;
    private bool _propagating;

    public SyncGroup(string name, IReadOnlyList<VirtualRouter> members)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0) throw new ArgumentException("a sync group needs members", nameof(members));
        var gate = members[0].Gate;
        foreach (var member in members)
        {
            if (!ReferenceEquals(member.Gate, gate))
                throw new ArgumentException($"sync group {name}: member {member.Name} does not share the group's gate", nameof(members));
            if (member.SyncGroup is not null)
                throw new ArgumentException($"sync group {name}: member {member.Name} already belongs to sync group {member.SyncGroup.Name}", nameof(members));
        }
        if (members.Distinct().Count() != members.Count)
            throw new ArgumentException($"sync group {name}: a member is listed twice", nameof(members));

        Name = name;
        _members = members.ToArray();
        lock (gate)
        {
            foreach (var member in _members) member.JoinSyncGroup(this);
        }
    }

    public string Name { get; }

    public IReadOnlyList<VirtualRouter> Members => _members;

    /// <summary>
    /// A member's down timer expired. keepalived vrrp_sync_can_goto_master: yes if the group is already Master or
    /// every other member wants Master too (its own down timer expired); the caller then pulls the rest along.
    /// </summary>
    internal bool CanGoMaster(VirtualRouter member)
    {
        member.WantsMaster = true;
        foreach (var other in _members)
        {
            if (other != member && other.State != VrrpState.Master && !other.WantsMaster) return false;
        }
        return true;
    }

    /// <summary>The group's reaction to one member's transition: Master pulls the others from Backup to Master;
    /// leaving Master for Backup pushes the others from Master to Backup.</summary>
    internal void OnMemberTransition(VirtualRouter member, StateTransition transition)
    {
        if (_propagating) return;
        _propagating = true;
        try
        {
            var reason = new TransitionCause(TransitionCauseKind.SyncGroup,
                $"sync group {Name}: {member.Name} {transition.From} -> {transition.To} ({transition.Reason})") { Condition = transition.Cause.Condition };
            if (transition.To == VrrpState.Master)
            {
                foreach (var other in _members)
                    if (other != member && other.State == VrrpState.Backup) other.ChangeState(VrrpState.Master, reason);
            }
            else if (transition.From == VrrpState.Master && transition.To == VrrpState.Backup)
            {
                foreach (var other in _members)
                    if (other != member && other.State == VrrpState.Master) other.FollowToBackup(reason);
            }
        }
        finally
        {
            _propagating = false;
        }
    }

    /// <summary>A member's fault conditions changed: every member enters or leaves Fault with the group.</summary>
    internal void ApplyFaults(VirtualRouter source, TransitionCause cause)
    {
        foreach (var member in _members)
            member.ApplyFault(member == source ? cause
                : cause with { Kind = TransitionCauseKind.SyncGroup, Text = $"sync group {Name}: {source.Name} {cause.Text}" });
    }

    /// <summary>Why <paramref name="member"/> is held in Fault by another member, or null.</summary>
    internal string? FaultReasonFor(VirtualRouter member)
    {
        foreach (var other in _members)
        {
            if (other != member && other.HasOwnFault)
                return $"sync group {Name}: {other.Name} {other.ActiveFaults[0]}";
        }
        return null;
    }
}
