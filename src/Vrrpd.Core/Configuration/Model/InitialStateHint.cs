namespace Vrrpd.Configuration;

/// <summary><c>state MASTER|BACKUP</c>: the state asked for at start. Only priority 255 starts as Master at once
/// (RFC 5798 §6.4.1); a lower priority Master hint still waits for the down timer, as keepalived does.</summary>
public enum InitialStateHint
{
    Backup,
    Master,
}
