namespace Vrrpd.StateMachine;

/// <summary>
/// RFC 5798 §6.4 states plus Fault, which is keepalived's: an instance whose interface (or an unweighted
/// tracker) is down takes no part in the election until it is up again.
/// </summary>
public enum VrrpState
{
    Initialize,
    Backup,
    Master,
    Fault,
}
