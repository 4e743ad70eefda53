namespace Vrrpd.StateMachine;

/// <summary>
/// What the pure state machine asks of the world. The daemon implements it with raw sockets, netlink and
/// AF_PACKET; tests implement it with a recorder.
/// </summary>
public interface IVirtualRouterPorts
{
    /// <summary>Send one ADVERTISEMENT now with this priority (0 on shutdown or Fault entry).</summary>
    void SendAdvertisement(byte priority);

    /// <summary>Configure the virtual addresses on their interfaces (entering Master).</summary>
    void AddVirtualAddresses();

    /// <summary>Remove the virtual addresses (leaving Master).</summary>
    void RemoveVirtualAddresses();

    /// <summary>Gratuitous ARP / unsolicited NA for every virtual address.</summary>
    void AnnounceVirtualAddresses(AnnounceReason reason);

    /// <summary>Called after every transition, once the new state's entry actions ran.</summary>
    void OnTransition(StateTransition transition);

    /// <summary>
    /// Hand the state machine every advert already waiting at the socket, now, on this thread (under the gate).
    /// Called when the Master_Down_Timer fires, before the Backup acts on it: after a scheduling stall an advert that
    /// arrived in time may still be queued unread, and taking over then would make a second Master for one interval.
    /// keepalived gets this from its single loop, which reads a readable socket before it handles a timeout.
    /// </summary>
    void ReceivePending() { }
}

/// <summary>Why announcements are sent: the burst schedule differs (garp_master_* vs garp_lower_prio_*).</summary>
public enum AnnounceReason
{
    BecameMaster,
    LowerPriorityHeard,
}

/// <param name="At">Time from the injected TimeProvider.</param>
/// <param name="Cause">Why, as facts; <see cref="Reason"/> is the same in words.</param>
public sealed record StateTransition(DateTimeOffset At, VrrpState From, VrrpState To, TransitionCause Cause)
{
    /// <summary>In words, for logs and status: "master down timer expired".</summary>
    public string Reason => Cause.Text;
}
