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

    /// <summary>
    /// True while another host holds the permit and this one could take it the moment it is given up (the quorum
    /// answers). A waiting router that would preempt the lower-priority Master it hears then advertises, so that
    /// Master yields and gives the permit up, as a preempting Backup would become Master and advertise (§6.4.2).
    /// False (the default) keeps a waiting router silent: one that cannot reach the quorum must not make a working
    /// Master yield.
    /// </summary>
    bool MayContend => false;
}
