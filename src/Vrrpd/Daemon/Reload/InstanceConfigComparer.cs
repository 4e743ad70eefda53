using Vrrpd.Configuration;

namespace Vrrpd.Daemon.Reload;

/// <summary>
/// How a reloaded vrrp_instance differs from the running one: not at all (keep it, timers and all), only in its
/// virtual addresses (change them in place), or otherwise (restart it). Source positions never count: moving a
/// block in the file changes nothing.
/// </summary>
internal static class InstanceConfigComparer
{
    public enum Difference
    {
        None,
        AddressesOnly,
        Other,
    }

    public static Difference Compare(VrrpInstanceConfig running, VrrpInstanceConfig loaded)
    {
        if (!Normalize(running).Equals(Normalize(loaded))
            || !running.UnicastPeers.SequenceEqual(loaded.UnicastPeers)
            || !running.TrackInterfaces.Select(t => t with { Location = default }).SequenceEqual(loaded.TrackInterfaces.Select(t => t with { Location = default }))
            || !running.Trackers.Select(t => t with { Location = default }).SequenceEqual(loaded.Trackers.Select(t => t with { Location = default }))
            || !SameAuthentication(running.Authentication, loaded.Authentication)
            || !SameNotify(running.Notify, loaded.Notify))
        {
            return Difference.Other;
        }
        return Addresses(running.VirtualAddresses).SetEquals(Addresses(loaded.VirtualAddresses))
               && Addresses(running.ExcludedAddresses).SetEquals(Addresses(loaded.ExcludedAddresses))
            ? Difference.None
            : Difference.AddressesOnly;
    }

    /// <summary>The scalar part: list-valued members replaced by one shared empty array, so record equality
    /// compares only what is left.</summary>
    private static VrrpInstanceConfig Normalize(VrrpInstanceConfig c) => c with
    {
        Location = default,
        VirtualAddresses = Array.Empty<VirtualAddressConfig>(),
        ExcludedAddresses = Array.Empty<VirtualAddressConfig>(),
        UnicastPeers = Array.Empty<UnicastPeerConfig>(),
        TrackInterfaces = Array.Empty<TrackedInterfaceConfig>(),
        Trackers = Array.Empty<TrackerReference>(),
        Authentication = null,
        Notify = NotifyCommands.None,
    };

    public static HashSet<VirtualAddressConfig> Addresses(IEnumerable<VirtualAddressConfig> addresses) =>
        addresses.Select(a => a with { Location = default }).ToHashSet();

    private static bool SameAuthentication(AuthenticationConfig? a, AuthenticationConfig? b) =>
        a is null ? b is null : b is not null && a.Type == b.Type && a.Password.AsSpan().SequenceEqual(b.Password);

    private static bool SameNotify(NotifyCommands a, NotifyCommands b) =>
        Same(a.Master, b.Master) && Same(a.Backup, b.Backup) && Same(a.Fault, b.Fault) && Same(a.Stop, b.Stop) && Same(a.Generic, b.Generic);

    private static bool Same(CommandLine? a, CommandLine? b) =>
        a is null ? b is null : b is not null && a.Text == b.Text && a.User == b.User && a.Group == b.Group;
}
