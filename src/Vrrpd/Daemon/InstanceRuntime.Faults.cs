using Vrrpd.Linux.Netlink;

namespace Vrrpd.Daemon;

internal sealed partial class InstanceRuntime
{
    private readonly Dictionary<string, string> _faults = new(StringComparer.Ordinal);

    private const string InterfaceFaultKey = "interface";

    private void SetFault(string key, bool active, string reason)
    {
        if (active) _faults[key] = reason;
        else _faults.Remove(key);
        _router?.SetFaultCondition(key, active, reason);
    }

    /// <summary>The fault conditions that hold at start: the instance's own link and unweighted tracked links.</summary>
    private IEnumerable<(string Key, string Reason)> InitialFaults()
    {
        var links = _context.Links.All;
        bool IsUp(string name) => links.Any(l => l.Name == name && l.IsUp);
        if (!Config.DontTrackPrimary && !IsUp(Config.Interface))
            yield return (InterfaceFaultKey, $"interface {Config.Interface} down");
        foreach (var tracked in Config.TrackInterfaces.Where(t => t.Weight == 0))
        {
            if (!IsUp(tracked.Name)) yield return (TrackKey(tracked.Name), $"tracked interface {tracked.Name} down");
        }
        ApplyTrackedInterfaceWeights(links);
    }

    private static string TrackKey(string name) => "track_interface:" + name;

    /// <summary>
    /// A link went up or down (or was deleted). keepalived semantics: the instance's interface down means Fault
    /// (VIPs withdrawn, priority 0 sent if Master); an unweighted track_interface likewise; a weighted one moves
    /// the priority instead. The reason names what happened now: "interface eth0 down" enters Fault,
    /// "interface eth0 up" is the cause of the recovery (Fault -> Backup), not the fault that just ended.
    /// </summary>
    public void OnLinkChanged(string name, bool up)
    {
        if (_router is null) return;
        var change = up ? "up" : "down";
        if (name == Config.Interface && !Config.DontTrackPrimary)
            SetFault(InterfaceFaultKey, !up, $"interface {name} {change}");
        if (name == Config.Interface && up) RetrySending($"interface {name} up");
        foreach (var tracked in Config.TrackInterfaces.Where(t => t.Name == name && t.Weight == 0))
            SetFault(TrackKey(name), !up, $"tracked interface {name} {change}");
        if (Config.TrackInterfaces.Any(t => t.Name == name && t.Weight != 0))
        {
            _trackedLinkUp[name] = up;
            ApplyTracking();
        }
    }

    /// <summary>Records the state of the weighted tracked interfaces, then recomputes the priority.</summary>
    private void ApplyTrackedInterfaceWeights(IReadOnlyList<LinkInfo> links)
    {
        foreach (var tracked in Config.TrackInterfaces.Where(t => t.Weight != 0))
            _trackedLinkUp[tracked.Name] = links.Any(l => l.Name == tracked.Name && l.IsUp);
        ApplyTracking();
    }
}
