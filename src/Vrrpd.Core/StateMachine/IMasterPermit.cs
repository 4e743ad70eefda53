namespace Vrrpd.StateMachine;

/// <summary>
/// Leave to become Master, from outside VRRP: quorum ownership through etcd (docs/design/ownership.md §8). VRRP
/// stays the fast path for detection; this only says whether this host may take the addresses now. Called under
/// the router's gate.
/// </summary>
public interface IMasterPermit
{
    /// <summary>The router would become Master now. True: go. False: it waits in Backup until
    /// <see cref="VirtualRouter.PermitGranted"/>; the permit is being asked for meanwhile.</summary>
    bool Request();

    /// <summary>A router that was waiting stopped waiting without becoming Master (it heard a Master, entered Fault,
    /// stopped): the permit is no longer wanted on its behalf.</summary>
    void Withdraw();
}
