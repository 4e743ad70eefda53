using Vrrpd.Protocol;

namespace Vrrpd.Configuration;

/// <summary>
/// Rules across keywords and instances, run after every block is read: required keywords, duplicates,
/// sync group membership, and (when the caller can look) interfaces that do not exist here.
/// </summary>
internal static class ConfigurationValidator
{
    public static VrrpdConfiguration Validate(
        VrrpdConfiguration configuration,
        IReadOnlyList<SyncGroupDraft> syncGroups,
        ConfigurationLoadOptions options,
        DiagnosticBag d)
    {
        foreach (VrrpInstanceConfig instance in configuration.Instances)
        {
            CheckInstance(instance, d);
        }

        CheckDuplicates(configuration.Instances, d);
        if (options.InterfaceExists is { } exists)
        {
            CheckInterfacesExist(configuration.Instances, exists, d);
        }

        List<SyncGroupConfig> groups = CheckSyncGroups(configuration, syncGroups, d);
        return configuration with { SyncGroups = groups };
    }

    private static void CheckInstance(VrrpInstanceConfig instance, DiagnosticBag d)
    {
        string name = $"vrrp_instance {instance.Name}";
        if (instance.VirtualRouterId == 0)
        {
            d.Error(instance.Location, $"{name} has no 'virtual_router_id' (required, 1..255)");
        }

        if (instance.Interface.Length == 0 && instance.UnicastPeers.Count == 0)
        {
            d.Error(instance.Location, $"{name} has no 'interface' (required unless 'unicast_peer' is set)");
        }

        if (instance.VirtualAddresses.Count == 0)
        {
            if (instance.Version == VrrpVersion.V3)
            {
                d.Error(instance.Location, $"{name} has no 'virtual_ipaddress'; a VRRPv3 instance needs at least one (keepalived 2.2.7 rejects it too)");
            }
            else
            {
                d.Warning(instance.Location, $"{name} has no 'virtual_ipaddress'; it will elect a master but move no address");
            }
        }
    }

    /// <summary>Names are unique; so is (interface, VRID, family), because RFC 5798 §7.3 derives the virtual MAC
    /// and the advert's identity from exactly those.</summary>
    private static void CheckDuplicates(IReadOnlyList<VrrpInstanceConfig> instances, DiagnosticBag d)
    {
        var byName = new Dictionary<string, VrrpInstanceConfig>(StringComparer.Ordinal);
        var byRouter = new Dictionary<(string, byte, System.Net.Sockets.AddressFamily), VrrpInstanceConfig>();
        foreach (VrrpInstanceConfig instance in instances)
        {
            if (!byName.TryAdd(instance.Name, instance))
            {
                d.Error(instance.Location, $"vrrp_instance {instance.Name} is defined twice (first at {byName[instance.Name].Location})");
            }

            if (instance.VirtualRouterId == 0)
            {
                continue;
            }

            var key = (instance.Interface, instance.VirtualRouterId, instance.Family);
            if (!byRouter.TryAdd(key, instance))
            {
                VrrpInstanceConfig first = byRouter[key];
                d.Error(instance.Location, $"vrrp_instance {instance.Name} uses virtual_router_id {instance.VirtualRouterId} for {Values.FamilyName(instance.Family)} on '{instance.Interface}' like vrrp_instance {first.Name} ({first.Location})");
            }
        }
    }

    private static void CheckInterfacesExist(IReadOnlyList<VrrpInstanceConfig> instances, Func<string, bool> exists, DiagnosticBag d)
    {
        foreach (VrrpInstanceConfig instance in instances)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            void Check(string name, SourceLocation location)
            {
                if (name.Length > 0 && seen.Add(name) && !exists(name))
                {
                    d.Warning(location, $"interface {name} does not exist on this machine; the instance stays in Fault until it appears");
                }
            }

            Check(instance.Interface, instance.Location);
            foreach (VirtualAddressConfig address in instance.VirtualAddresses.Concat(instance.ExcludedAddresses))
            {
                Check(address.Device, address.Location);
            }

            foreach (TrackedInterfaceConfig tracked in instance.TrackInterfaces)
            {
                Check(tracked.Name, tracked.Location);
            }
        }
    }

    /// <summary>keepalived vrrp_sync.c: a member that is no instance is left out (a warning), an instance belongs
    /// to at most one group; a group without members is dropped, and a group of one is legal but pointless.</summary>
    private static List<SyncGroupConfig> CheckSyncGroups(VrrpdConfiguration configuration, IReadOnlyList<SyncGroupDraft> drafts, DiagnosticBag d)
    {
        var instanceNames = configuration.Instances.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var owner = new Dictionary<string, SyncGroupDraft>(StringComparer.Ordinal);
        var groupNames = new Dictionary<string, SyncGroupDraft>(StringComparer.Ordinal);
        var groups = new List<SyncGroupConfig>();
        foreach (SyncGroupDraft group in drafts)
        {
            if (!groupNames.TryAdd(group.Name, group))
            {
                d.Error(group.Location, $"vrrp_sync_group {group.Name} is defined twice (first at {groupNames[group.Name].Location})");
                continue;
            }

            var members = new List<string>();
            foreach (Token member in group.Members)
            {
                if (!instanceNames.Contains(member.Text))
                {
                    // keepalived (vrrp_sync.c) leaves the name out and runs the group with the others.
                    d.Warning(member.Location, $"vrrp_sync_group {group.Name}: there is no vrrp_instance {member.Text}; left out of the group, as keepalived leaves it out");
                }
                else if (owner.TryGetValue(member.Text, out SyncGroupDraft? other))
                {
                    d.Error(member.Location, other == group
                        ? $"vrrp_sync_group {group.Name} lists {member.Text} twice"
                        : $"vrrp_instance {member.Text} is already in vrrp_sync_group {other.Name}; an instance belongs to one group only");
                }
                else
                {
                    owner[member.Text] = group;
                    members.Add(member.Text);
                }
            }

            if (group.Members.Count == 0)
            {
                d.Warning(group.Location, $"vrrp_sync_group {group.Name} has no members ('group {{ ... }}'); ignored");
                continue;
            }

            if (members.Count == 0)
            {
                if (group.Members.All(m => !instanceNames.Contains(m.Text)))
                {
                    d.Warning(group.Location, $"vrrp_sync_group {group.Name}: none of its members is a vrrp_instance; ignored");
                }

                continue;
            }

            if (members.Count == 1)
            {
                d.Warning(group.Location, $"vrrp_sync_group {group.Name} has only one member; a sync group moves several instances together");
            }

            groups.Add(new SyncGroupConfig(group.Name, members, group.Notify.Build(), group.Location));
        }

        return groups;
    }
}
