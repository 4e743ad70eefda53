using System.Net.Sockets;
using Vrrpd.Protocol;

namespace Vrrpd.Configuration;

/// <summary>
/// Settles what depends on more than one keyword, in the spirit of keepalived's vrrp_complete_instance:
/// family from the addresses, version from family (as keepalived: 2 for IPv4, 3 for IPv6), the interval against
/// the version, priority from <c>state</c>, and <c>nopreempt</c> against the initial state.
/// </summary>
internal static class InstanceCompleter
{
    private static readonly TimeSpan Centisecond = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxV3Interval = TimeSpan.FromMilliseconds(40950);

    public static VrrpInstanceConfig Complete(InstanceDraft draft, GlobalDefinitions global, DiagnosticBag d)
    {
        AddressFamily family = ResolveFamily(draft, d);
        VrrpVersion version = ResolveVersion(draft, global, family, d);
        string interfaceName = draft.Interface ?? "";
        byte priority = ResolvePriority(draft, d);
        return new VrrpInstanceConfig
        {
            Name = draft.Name,
            Location = draft.Location,
            InitialState = draft.State,
            Interface = interfaceName,
            VirtualRouterId = draft.VirtualRouterId,
            Priority = priority,
            PriorityWasSet = draft.Priority is not null,
            AdvertisementInterval = ResolveInterval(draft, global, version, d),
            Version = version,
            Family = family,
            Preempt = ResolvePreempt(draft, priority, d),
            PreemptDelay = draft.PreemptDelay,
            Authentication = version == VrrpVersion.V2 ? draft.Authentication?.Value : null,
            VirtualAddresses = ResolveAddresses(draft.VirtualAddresses, interfaceName, d),
            ExcludedAddresses = ResolveAddresses(draft.ExcludedAddresses, interfaceName, d),
            UnicastSource = draft.UnicastSource?.Value,
            UnicastPeers = ResolvePeers(draft, family, d),
            TrackInterfaces = ResolveTrackInterfaces(draft, priority, d),
            Trackers = draft.Trackers,
            Garp = draft.Garp.ResolveOver(global.Garp),
            V3ChecksumAsV2 = draft.V3ChecksumAsV2 ?? global.V3ChecksumAsV2,
            CheckUnicastSource = draft.CheckUnicastSource ?? global.CheckUnicastSource,
            DownTimerAdverts = draft.DownTimerAdverts ?? global.DownTimerAdverts,
            Notify = draft.Notify.Build(),
            Accept = draft.Accept,
            DontTrackPrimary = draft.DontTrackPrimary,
            Ownership = draft.Ownership?.Text,
        };
    }

    /// <summary>RFC 5798 §5.2.9: the addresses in one advert are of one family. With none, the source address
    /// decides, else IPv4.</summary>
    private static AddressFamily ResolveFamily(InstanceDraft draft, DiagnosticBag d)
    {
        if (draft.VirtualAddresses.Count == 0)
        {
            return draft.UnicastSource?.Value.AddressFamily ?? AddressFamily.InterNetwork;
        }

        AddressFamily family = draft.VirtualAddresses[0].Address.AddressFamily;
        foreach (VirtualAddressDraft other in draft.VirtualAddresses.Where(a => a.Address.AddressFamily != family))
        {
            d.Error(other.Location, $"virtual_ipaddress mixes IPv4 and IPv6: {other.Address} is {Values.FamilyName(other.Address.AddressFamily)} but {draft.VirtualAddresses[0].Address} is {Values.FamilyName(family)}; an advert carries one family (RFC 5798 §5.2.9): use virtual_ipaddress_excluded or a second instance");
        }

        if (draft.UnicastSource is { } source && source.Value.AddressFamily != family)
        {
            d.Error(source.Token.Location, $"'unicast_src_ip' {source.Value} is {Values.FamilyName(source.Value.AddressFamily)} but the instance's virtual addresses are {Values.FamilyName(family)}");
        }

        return family;
    }

    /// <summary>The instance's <c>version</c>, else the global <c>vrrp_version</c>, else what keepalived would
    /// speak with the same file: 2 for IPv4, 3 for IPv6 (RFC 3768 is IPv4 only, and keepalived forces v3 there).
    /// Following keepalived keeps a pair that mixes the two daemons on one protocol (docs/design/version-default.md).</summary>
    private static VrrpVersion ResolveVersion(InstanceDraft draft, GlobalDefinitions global, AddressFamily family, DiagnosticBag d)
    {
        bool ipv6 = family == AddressFamily.InterNetworkV6;
        if (draft.Version is { } written)
        {
            if (ipv6 && written.Value == VrrpVersion.V2)
            {
                d.Error(written.Token.Location, "'version 2' with IPv6 addresses: VRRPv2 is IPv4 only (RFC 3768); use version 3");
            }
            else if (written.Value == VrrpVersion.V3 && draft.Authentication is { } auth)
            {
                d.Error(auth.Location, "'authentication' with version 3: RFC 5798 removed authentication from VRRPv3; remove it or use version 2");
            }

            return ipv6 ? VrrpVersion.V3 : written.Value;
        }

        if (ipv6)
        {
            if (draft.Authentication is { } auth)
            {
                d.Error(auth.Location, "'authentication' on an IPv6 instance: IPv6 needs VRRPv3, which has no authentication (RFC 5798)");
            }

            return VrrpVersion.V3;
        }

        if (draft.Authentication is { } authentication && global.DefaultVersion == VrrpVersion.V3)
        {
            d.Error(authentication.Location, "'authentication' with 'vrrp_version 3': RFC 5798 removed authentication from VRRPv3; remove it or set 'version 2' on this instance");
        }

        return global.DefaultVersion;
    }

    /// <summary>v2 (RFC 3768 §5.3.7): whole seconds 1..255. v3 (RFC 5798 §5.2.7): a 12-bit count of centiseconds,
    /// so 0.01..40.95 s. A fraction under a version nobody wrote is an error, never rounded: the file most likely
    /// meant v3, and rounding would change the failover time without a word.</summary>
    private static TimeSpan ResolveInterval(InstanceDraft draft, GlobalDefinitions global, VrrpVersion version, DiagnosticBag d)
    {
        if (draft.AdvertisementInterval is not { } written)
        {
            return TimeSpan.FromSeconds(1);
        }

        TimeSpan value = written.Value;
        if (version == VrrpVersion.V2)
        {
            bool versionWritten = draft.Version is not null || global.DefaultVersionWasSet;
            if (value.Ticks % TimeSpan.TicksPerSecond != 0 || value < TimeSpan.FromSeconds(1))
            {
                d.Error(written.Token.Location, versionWritten
                    ? $"'advert_int' for VRRPv2 must be whole seconds 1..255 (RFC 3768 §5.3.7), got '{written.Token.Text}'; use version 3 for sub-second adverts"
                    : $"'advert_int {written.Token.Text}' is not whole seconds, but vrrp_instance {draft.Name} speaks VRRPv2 (keepalived's default for IPv4, since no version is written), whose interval is whole seconds 1..255 (RFC 3768 §5.3.7); add 'version 3' to the instance or 'vrrp_version 3' to global_defs");
            }
        }
        else if (value.Ticks % Centisecond.Ticks != 0 || value < Centisecond || value > MaxV3Interval)
        {
            d.Error(written.Token.Location, $"'advert_int' for VRRPv3 must be 0.01..40.95 s in whole centiseconds (RFC 5798 §5.2.7), got '{written.Token.Text}'");
        }

        return value;
    }

    /// <summary>keepalived: <c>state MASTER</c> with no <c>priority</c> makes this the address owner (255).</summary>
    private static byte ResolvePriority(InstanceDraft draft, DiagnosticBag d)
    {
        if (draft.Priority is { } priority)
        {
            return priority;
        }

        if (draft.State == InitialStateHint.Master)
        {
            d.Warning(draft.Location, $"vrrp_instance {draft.Name} has 'state MASTER' and no 'priority': priority is 255 (address owner), as in keepalived");
            return 255;
        }

        return 100;
    }

    /// <summary>keepalived ignores <c>nopreempt</c> unless the instance starts as Backup below 255.</summary>
    private static bool ResolvePreempt(InstanceDraft draft, byte priority, DiagnosticBag d)
    {
        if (draft.NoPreempt is not { } noPreempt)
        {
            return true;
        }

        if (draft.State == InitialStateHint.Master || priority == 255)
        {
            string why = priority == 255 ? "priority 255 (address owner)" : "'state MASTER'";
            d.Warning(noPreempt.Location, $"'nopreempt' is ignored with {why}, as in keepalived; use 'state BACKUP' on every node for non-preemptive failover");
            return true;
        }

        return false;
    }

    private static List<VirtualAddressConfig> ResolveAddresses(List<VirtualAddressDraft> drafts, string interfaceName, DiagnosticBag d)
    {
        var addresses = new List<VirtualAddressConfig>(drafts.Count);
        foreach (VirtualAddressDraft a in drafts)
        {
            string device = a.Device ?? interfaceName;
            if (device.Length == 0)
            {
                d.Error(a.Location, $"virtual address {a.Address} needs 'dev IF' because the instance has no 'interface'");
            }

            bool ipv6 = a.Address.AddressFamily == AddressFamily.InterNetworkV6;
            addresses.Add(new VirtualAddressConfig(a.Address, a.PrefixLength, device, a.Label, a.Broadcast, a.Scope, ipv6, a.NoTrack, a.Location));
        }

        return addresses;
    }

    private static List<UnicastPeerConfig> ResolvePeers(InstanceDraft draft, AddressFamily family, DiagnosticBag d)
    {
        foreach ((UnicastPeerConfig peer, SourceLocation location) in draft.UnicastPeers.Where(p => p.Peer.Address.AddressFamily != family))
        {
            d.Error(location, $"unicast_peer {peer.Address} is {Values.FamilyName(peer.Address.AddressFamily)} but the instance is {Values.FamilyName(family)}");
        }

        return draft.UnicastPeers.Select(p => p.Peer).ToList();
    }

    /// <summary>keepalived zeroes weighted trackers on an address owner: its priority cannot change (RFC 5798 §6.1).</summary>
    private static List<TrackedInterfaceConfig> ResolveTrackInterfaces(InstanceDraft draft, byte priority, DiagnosticBag d)
    {
        if (priority != 255)
        {
            return draft.TrackInterfaces;
        }

        return draft.TrackInterfaces.Select(t =>
        {
            if (t.Weight == 0)
            {
                return t;
            }

            d.Warning(t.Location, $"track_interface {t.Name}: weight {t.Weight} ignored because the priority is 255 (address owner); the interface is tracked unweighted (Fault when down), as in keepalived");
            return t with { Weight = 0, Reverse = false };
        }).ToList();
    }
}
