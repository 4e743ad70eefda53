namespace Vrrpd.Configuration;

/// <summary><c>notify_master|backup|fault|stop CMD</c> and <c>notify CMD</c> (<see cref="Generic"/>, which keepalived
/// runs with four extra arguments: INSTANCE|GROUP, name, state, priority).</summary>
public sealed record NotifyCommands(
    CommandLine? Master,
    CommandLine? Backup,
    CommandLine? Fault,
    CommandLine? Stop,
    CommandLine? Generic)
{
    public static NotifyCommands None { get; } = new(null, null, null, null, null);
}
