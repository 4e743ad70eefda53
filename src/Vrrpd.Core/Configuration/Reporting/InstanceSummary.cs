using System.Net.Sockets;
using Vrrpd.Protocol;

namespace Vrrpd.Configuration;

/// <summary>
/// What <c>vrrpd check-config</c> says about each loaded instance: the effective VRRP version, the mode (multicast,
/// or unicast with its peers) and every effective setting that is not keepalived 2.2.7's default, so someone
/// moving a keepalived.conf sees at a glance what the file changes (docs/keepalived-corpus.md).
/// </summary>
public static class InstanceSummary
{
    /// <summary>Two lines: the instance itself, then what differs from keepalived's defaults.</summary>
    public static IReadOnlyList<string> Describe(VrrpInstanceConfig instance)
    {
        string version = instance.Version == VrrpVersion.V3 ? "VRRPv3" : "VRRPv2";
        string family = Values.FamilyName(instance.Family);
        int addresses = instance.VirtualAddresses.Count;
        string headline = $"{instance.Name}: {version} {family}, {Mode(instance)}, VRID {instance.VirtualRouterId}, "
            + $"priority {instance.Priority}, {addresses} virtual address{(addresses == 1 ? "" : "es")}";

        List<string> changed = NotKeepalivedDefaults(instance);
        string differences = changed.Count == 0
            ? "  keepalived's defaults throughout"
            : "  not keepalived's defaults: " + string.Join(", ", changed);
        return [headline, differences];
    }

    private static string Mode(VrrpInstanceConfig instance)
    {
        string on = instance.Interface.Length > 0 ? $" on {instance.Interface}" : "";
        string from = instance.UnicastSource is { } source ? $" from {source}" : "";
        int peers = instance.UnicastPeers.Count;
        return peers == 0
            ? $"multicast{on}{from}"
            : $"unicast{on}{from} to {peers} peer{(peers == 1 ? "" : "s")}";
    }

    /// <summary>keepalived's defaults (vrrp.c alloc_vrrp and vrrp_complete_instance): version 2, priority 100
    /// (255 with <c>state MASTER</c>), advert_int 1 s, preempt without delay, no authentication, accept, the gratuitous
    /// ARP timings of <see cref="GarpSettings.Default"/>, 3 adverts for the down timer, the primary interface
    /// tracked.</summary>
    private static List<string> NotKeepalivedDefaults(VrrpInstanceConfig i)
    {
        var changed = new List<string>();
        if (i.Version == VrrpVersion.V3 && i.Family == AddressFamily.InterNetwork) changed.Add("version 3");
        if (i.InitialState == InitialStateHint.Master) changed.Add("state MASTER");
        if (i.Priority != DefaultPriority(i)) changed.Add($"priority {i.Priority}");
        if (i.AdvertisementInterval != TimeSpan.FromSeconds(1)) changed.Add($"advert_int {Values.FormatSeconds(i.AdvertisementInterval)}");
        if (!i.Preempt) changed.Add("nopreempt");
        if (i.PreemptDelay > TimeSpan.Zero) changed.Add($"preempt_delay {Values.FormatSeconds(i.PreemptDelay)}");
        if (i.Authentication is not null) changed.Add("auth_type PASS");
        if (!i.Accept) changed.Add("no_accept");
        if (i.DownTimerAdverts != 3) changed.Add($"down_timer_adverts {i.DownTimerAdverts}");
        if (i.DontTrackPrimary) changed.Add("dont_track_primary");
        if (i.CheckUnicastSource) changed.Add("check_unicast_src");
        if (i.V3ChecksumAsV2) changed.Add("v3_checksum_as_v2");
        if (i.ExcludedAddresses.Count > 0) changed.Add($"virtual_ipaddress_excluded {i.ExcludedAddresses.Count}");
        AddGarp(i.Garp, changed);
        if (i.TrackInterfaces.Count > 0) changed.Add("track_interface " + string.Join(" ", i.TrackInterfaces.Select(t => t.Name)));
        foreach (IGrouping<TrackerKind, TrackerReference> kind in i.Trackers.GroupBy(t => t.Kind))
        {
            changed.Add($"track_{kind.Key.ToString().ToLowerInvariant()} " + string.Join(" ", kind.Select(t => t.Name)));
        }

        return changed;
    }

    /// <summary>keepalived gives an instance written <c>state MASTER</c> without a priority 255 (the owner).</summary>
    private static byte DefaultPriority(VrrpInstanceConfig i) =>
        i.InitialState == InitialStateHint.Master && !i.PriorityWasSet ? (byte)255 : (byte)100;

    private static void AddGarp(GarpSettings garp, List<string> changed)
    {
        GarpSettings d = GarpSettings.Default;
        if (garp.MasterDelay != d.MasterDelay) changed.Add($"garp_master_delay {Values.FormatSeconds(garp.MasterDelay)}");
        if (garp.MasterRepeat != d.MasterRepeat) changed.Add($"garp_master_repeat {garp.MasterRepeat}");
        if (garp.MasterRefresh != d.MasterRefresh) changed.Add($"garp_master_refresh {Values.FormatSeconds(garp.MasterRefresh)}");
        if (garp.MasterRefreshRepeat != d.MasterRefreshRepeat) changed.Add($"garp_master_refresh_repeat {garp.MasterRefreshRepeat}");
        if (garp.LowerPriorityDelay != d.LowerPriorityDelay) changed.Add($"garp_lower_prio_delay {Values.FormatSeconds(garp.LowerPriorityDelay)}");
        if (garp.LowerPriorityRepeat != d.LowerPriorityRepeat) changed.Add($"garp_lower_prio_repeat {garp.LowerPriorityRepeat}");
    }
}
