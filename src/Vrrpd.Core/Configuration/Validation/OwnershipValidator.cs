namespace Vrrpd.Configuration;

/// <summary>
/// Ownership rules across blocks: <c>vrrp_ownership</c> names are unique; every <c>ownership NAME</c> names a defined
/// block; an instance in a sync group has no <c>ownership</c> of its own (the group's covers it); and each instance
/// or group that names one becomes an <see cref="OwnershipClaimConfig"/> (docs/design/ownership.md §2).
/// </summary>
internal static class OwnershipValidator
{
    public static VrrpdConfiguration Validate(VrrpdConfiguration configuration, ConfigurationDraft draft, DiagnosticBag d)
    {
        var byName = new Dictionary<string, OwnershipConfig>(StringComparer.Ordinal);
        foreach (OwnershipConfig ownership in draft.Ownerships)
        {
            if (!byName.TryAdd(ownership.Name, ownership))
            {
                d.Error(ownership.Location, $"vrrp_ownership {ownership.Name} is defined twice (first at {byName[ownership.Name].Location})");
            }
        }

        var claims = new List<OwnershipClaimConfig>();
        var groupOf = new Dictionary<string, SyncGroupConfig>(StringComparer.Ordinal);
        foreach (SyncGroupConfig group in configuration.SyncGroups)
        {
            foreach (string member in group.Members)
            {
                groupOf[member] = group;
            }
        }

        var groups = new List<SyncGroupConfig>();
        foreach (SyncGroupConfig group in configuration.SyncGroups)
        {
            SyncGroupDraft? written = draft.SyncGroups.FirstOrDefault(g => g.Name == group.Name && g.Location == group.Location);
            if (written?.Ownership is not { } reference)
            {
                groups.Add(group);
                continue;
            }

            if (Resolve(reference, $"vrrp_sync_group {group.Name}", byName, draft, d) is { } ownership)
            {
                claims.Add(new OwnershipClaimConfig(OwnershipScope.SyncGroup, group.Name, ownership.KeyPrefix + "sync_group/" + group.Name, ownership, group.Members));
            }

            groups.Add(group with { Ownership = reference.Text });
        }

        foreach (InstanceDraft instance in draft.Instances)
        {
            if (instance.Ownership is not { } reference)
            {
                continue;
            }

            if (groupOf.TryGetValue(instance.Name, out SyncGroupConfig? group))
            {
                // A sync group's members go Master together; a lease on one member alone would let the others take
                // their addresses without it, or split the group. The claim belongs on the group.
                d.Error(reference.Location, $"vrrp_instance {instance.Name} is in vrrp_sync_group {group.Name} ({group.Location}); write 'ownership' on the group, which claims all its members together");
                continue;
            }

            if (Resolve(reference, $"vrrp_instance {instance.Name}", byName, draft, d) is { } ownership)
            {
                claims.Add(new OwnershipClaimConfig(OwnershipScope.Instance, instance.Name, ownership.KeyPrefix + "instance/" + instance.Name, ownership, [instance.Name]));
            }
        }

        return configuration with
        {
            SyncGroups = groups,
            Ownerships = [.. byName.Values],
            OwnershipClaims = claims,
        };
    }

    private static OwnershipConfig? Resolve(Token reference, string owner, Dictionary<string, OwnershipConfig> byName, ConfigurationDraft draft, DiagnosticBag d)
    {
        if (byName.TryGetValue(reference.Text, out OwnershipConfig? ownership))
        {
            return ownership;
        }

        if (!draft.UnusableOwnerships.Contains(reference.Text))
        {
            d.Error(reference.Location, $"'ownership {reference.Text}' in {owner}: there is no vrrp_ownership {reference.Text}");
        }

        return null;
    }
}
