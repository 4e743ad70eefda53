using Vrrpd.Linux.Netlink;

namespace Vrrpd.Daemon;

internal sealed partial class InstanceRuntime
{
    private readonly Dictionary<string, string> _faults = new(StringComparer.Ordinal);

    private const string InterfaceFaultKey = "interface";

    private void SetFault(string key, bool active, string reason)
    {
        lock (_context.Gate)
        {
            if (active) _faults[key] = reason;
            else _faults.Remove(key);
            _router?.SetFaultCondition(key, active, reason);
        }
    }

    /// <summary>The fault conditions that hold at start: the instance's own link and unweighted tracked links.</summary>
    private IEnumerable<(string Key, string Reason)> InitialFaults()
    {
        var links = NetlinkLinks.List();
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
    /// the priority instead.
    /// </summary>
    public void OnLinkChanged(string name, bool up)
    {
        if (_router is null) return;
        if (name == Config.Interface && !Config.DontTrackPrimary)
            SetFault(InterfaceFaultKey, !up, $"interface {name} down");
        foreach (var tracked in Config.TrackInterfaces.Where(t => t.Name == name && t.Weight == 0))
            SetFault(TrackKey(name), !up, $"tracked interface {name} down");
        if (Config.TrackInterfaces.Any(t => t.Name == name && t.Weight != 0))
            ApplyTrackedInterfaceWeights(NetlinkLinks.List());
    }

    /// <summary>
    /// keepalived's weight table (keepalived-compat.md §3): +W adds W while up, −W subtracts W while down,
    /// reverse swaps the two; the result is clamped to 1..254 and never applied to an address owner (255).
    /// </summary>
    private void ApplyTrackedInterfaceWeights(IReadOnlyList<LinkInfo> links)
    {
        if (_router is null || Config.Priority == 255) return;
        var delta = 0;
        foreach (var tracked in Config.TrackInterfaces.Where(t => t.Weight != 0))
        {
            var up = links.Any(l => l.Name == tracked.Name && l.IsUp);
            var ok = tracked.Reverse ? !up : up;
            if (tracked.Weight > 0 && ok) delta += tracked.Weight;
            if (tracked.Weight < 0 && !ok) delta += tracked.Weight;
        }
        var effective = (byte)Math.Clamp(Config.Priority + delta, 1, 254);
        lock (_context.Gate)
        {
            if (_router.EffectivePriority != effective) _router.SetEffectivePriority(effective);
        }
    }
}
