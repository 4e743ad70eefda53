namespace Vrrpd.StateMachine;

public sealed partial class VirtualRouter
{
    private SyncGroup? _syncGroup;

    /// <summary>The keepalived vrrp_sync_group this instance belongs to, if any.</summary>
    public SyncGroup? SyncGroup { get { lock (_gate) return _syncGroup; } }

    /// <summary>The down timer expired, but the sync group held this member in Backup (keepalived wantstate MASTER).</summary>
    internal bool WantsMaster
    {
        get => _wantsMaster;
        set => _wantsMaster = value;
    }

    internal void JoinSyncGroup(SyncGroup group) => _syncGroup = group;

    /// <summary>Another member left Master: leave too (VIPs removed, no priority-0 advert), with a fresh down timer.</summary>
    internal void FollowToBackup(TransitionCause reason)
    {
        ForgetMaster();
        ChangeState(VrrpState.Backup, reason);
    }
}
