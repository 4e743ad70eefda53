namespace Vrrpd.Configuration;

/// <summary>
/// Tracker rules across blocks: names unique per kind; every track_* entry names a defined tracker; the entry's
/// weight (or the tracker's own) is resolved onto the entry; an address owner's weighted entries are kept but
/// their weight is ignored with a warning (keepalived: the owner's priority never moves); a sync group's own
/// track_* entries are tracked by every member, unweighted.
/// </summary>
internal static class TrackerValidator
{
    public static VrrpdConfiguration Validate(VrrpdConfiguration configuration, ConfigurationDraft draft, DiagnosticBag d)
    {
        var scripts = Unique(draft.Scripts, s => s.Name, s => s.Location, "vrrp_script", d);
        var files = Unique(draft.Files, f => f.Name, f => f.Location, "vrrp_track_file", d);
        var gpus = Unique(draft.Gpus, g => g.Name, g => g.Location, "vrrp_track_gpu", d);
        var containers = Unique(draft.Containers, c => c.Name, c => c.Location, "vrrp_track_container", d);
        var neighbors = Unique(draft.Neighbors, n => n.Name, n => n.Location, "vrrp_track_neighbor", d);
        var processes = Unique(draft.Processes, p => p.Name, p => p.Location, "vrrp_track_process", d);

        var defaults = new Dictionary<(TrackerKind, string), (int Weight, bool Reverse)>();
        foreach (var s in scripts) defaults[(TrackerKind.Script, s.Name)] = (s.Timing.Weight, s.Timing.Reverse);
        foreach (var f in files) defaults[(TrackerKind.File, f.Name)] = (f.Weight, f.Reverse);
        foreach (var g in gpus) defaults[(TrackerKind.Gpu, g.Name)] = (g.Timing.Weight, g.Timing.Reverse);
        foreach (var c in containers) defaults[(TrackerKind.Container, c.Name)] = (c.Timing.Weight, c.Timing.Reverse);
        foreach (var n in neighbors) defaults[(TrackerKind.Neighbor, n.Name)] = (n.Timing.Weight, n.Timing.Reverse);
        foreach (var p in processes) defaults[(TrackerKind.Process, p.Name)] = (p.Weight, p.Reverse);

        var groupTrackers = GroupTrackersByMember(configuration, draft.SyncGroups, d);
        var instances = configuration.Instances.Select(instance =>
        {
            IEnumerable<TrackerReference> all = instance.Trackers;
            if (groupTrackers.TryGetValue(instance.Name, out List<TrackerReference>? fromGroup))
            {
                all = all.Concat(fromGroup);
            }

            return instance with { Trackers = Resolve(instance, all, defaults, draft.Unusable, d) };
        }).ToList();

        return configuration with
        {
            Instances = instances,
            Scripts = scripts,
            Files = files,
            Gpus = gpus,
            Containers = containers,
            Neighbors = neighbors,
            Processes = processes,
        };
    }

    private static List<T> Unique<T>(List<T> items, Func<T, string> name, Func<T, SourceLocation> location, string keyword, DiagnosticBag d)
    {
        var first = new Dictionary<string, T>(StringComparer.Ordinal);
        var unique = new List<T>();
        foreach (T item in items)
        {
            if (first.TryAdd(name(item), item))
            {
                unique.Add(item);
            }
            else
            {
                d.Error(location(item), $"{keyword} {name(item)} is defined twice (first at {location(first[name(item)])})");
            }
        }

        return unique;
    }

    private static List<TrackerReference> Resolve(
        VrrpInstanceConfig instance,
        IEnumerable<TrackerReference> references,
        Dictionary<(TrackerKind, string), (int Weight, bool Reverse)> defaults,
        HashSet<(TrackerKind Kind, string Name)> unusable,
        DiagnosticBag d)
    {
        var resolved = new List<TrackerReference>();
        var seen = new HashSet<(TrackerKind, string)>();
        foreach (TrackerReference reference in references)
        {
            string keyword = TrackerReferenceKeywords.ReferenceKeyword(reference.Kind);
            if (!defaults.TryGetValue((reference.Kind, reference.Name), out var own) && unusable.Contains((reference.Kind, reference.Name)))
            {
                d.Warning(reference.Location, $"{keyword} {reference.Name} in vrrp_instance {instance.Name} ignored: {TrackerReferenceKeywords.DefinitionKeyword(reference.Kind)} {reference.Name} is unusable (see above)");
                continue;
            }

            if (!defaults.TryGetValue((reference.Kind, reference.Name), out own))
            {
                d.Error(reference.Location, $"{keyword} {reference.Name} in vrrp_instance {instance.Name}: there is no {TrackerReferenceKeywords.DefinitionKeyword(reference.Kind)} {reference.Name}");
                continue;
            }

            if (!seen.Add((reference.Kind, reference.Name)))
            {
                d.Warning(reference.Location, $"{keyword} {reference.Name} is listed twice for vrrp_instance {instance.Name}; the first entry counts");
                continue;
            }

            int weight = reference.Weight ?? own.Weight;
            bool reverse = reference.Reverse ?? own.Reverse;
            if (instance.Priority == 255 && weight != 0)
            {
                d.Warning(reference.Location, $"{keyword} {reference.Name}: weight {weight} ignored for vrrp_instance {instance.Name} because its priority is 255 (address owner), as in keepalived; it is still shown in status");
            }

            resolved.Add(reference with { Weight = weight, Reverse = reverse });
        }

        return resolved;
    }

    /// <summary>keepalived: a sync group's trackers fault the whole group, so their weight is ignored (0).</summary>
    private static Dictionary<string, List<TrackerReference>> GroupTrackersByMember(
        VrrpdConfiguration configuration, IReadOnlyList<SyncGroupDraft> groups, DiagnosticBag d)
    {
        var byMember = new Dictionary<string, List<TrackerReference>>(StringComparer.Ordinal);
        foreach (SyncGroupConfig group in configuration.SyncGroups)
        {
            SyncGroupDraft? draft = groups.FirstOrDefault(g => g.Name == group.Name && g.Location == group.Location);
            if (draft is null || draft.Trackers.Count == 0)
            {
                continue;
            }

            foreach (TrackerReference reference in draft.Trackers.Where(r => r.Weight is not null and not 0))
            {
                d.Warning(reference.Location, $"{TrackerReferenceKeywords.ReferenceKeyword(reference.Kind)} {reference.Name} in vrrp_sync_group {group.Name}: weight {reference.Weight} ignored; a sync group's tracker faults the whole group when it fails (as in keepalived)");
            }

            var unweighted = draft.Trackers.Select(r => r with { Weight = 0 }).ToList();
            foreach (string member in group.Members)
            {
                if (!byMember.TryGetValue(member, out List<TrackerReference>? list))
                {
                    byMember[member] = list = [];
                }

                list.AddRange(unweighted);
            }
        }

        return byMember;
    }
}
