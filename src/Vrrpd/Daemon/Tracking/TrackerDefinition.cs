using Vrrpd.Configuration;

namespace Vrrpd.Daemon.Tracking;

/// <summary>One configured tracker, whatever its kind: the name instances refer to, its timing and its own config
/// record (<see cref="ScriptTrackerConfig"/>, <see cref="FileTrackerConfig"/>, <see cref="GpuTrackerConfig"/>,
/// <see cref="ContainerTrackerConfig"/>, <see cref="NeighborTrackerConfig"/> or <see cref="ProcessTrackerConfig"/>) for the probe factory.</summary>
internal sealed record TrackerDefinition(TrackerKind Kind, string Name, TrackerTiming Timing, object Config)
{
    /// <summary>track_file has no rise/fall or timeout of its own: it is read every second and counts at once.</summary>
    private static readonly TimeSpan FilePollInterval = TimeSpan.FromSeconds(1);

    /// <summary>track_process has no rise/fall or interval of its own: its probe raises every verdict at once, and a
    /// poll every second only repeats it (or, without process events, rescans /proc;
    /// docs/design/process-tracking.md §5).</summary>
    private static readonly TimeSpan ProcessPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The first poll waits for the start-up scan, made on the probe's thread after up to 1 s waiting for the
    /// kernel's acknowledgement; a slow scan must not count as a failure (docs/design/process-tracking.md §4).</summary>
    private static readonly TimeSpan ProcessPollTimeout = TimeSpan.FromSeconds(5);

    /// <summary>"track_script chk": how logs, fault reasons and fault keys name it.</summary>
    public string Label => $"{ReferenceKeyword(Kind)} {Name}";

    /// <summary>Whether a reload may keep this tracker's runner for <paramref name="other"/>: same kind, timing and
    /// settings, wherever in the file the block was written (<see cref="TrackerSettings"/>).</summary>
    public bool SameSettingsAs(TrackerDefinition other) =>
        Kind == other.Kind && Name == other.Name && Timing == other.Timing && TrackerSettings.Same(Config, other.Config);

    /// <summary>The neighbour probe waits its own timeout and names the silent address; the runner's timeout is
    /// only the guard against a probe that does not return.</summary>
    private static readonly TimeSpan NeighborGuard = TimeSpan.FromMilliseconds(100);

    public static string ReferenceKeyword(TrackerKind kind) => kind switch
    {
        TrackerKind.Script => "track_script",
        TrackerKind.File => "track_file",
        TrackerKind.Gpu => "track_gpu",
        TrackerKind.Neighbor => "track_neighbor",
        TrackerKind.Process => "track_process",
        _ => "track_container",
    };

    /// <summary>Every tracker block of the configuration.</summary>
    public static IEnumerable<TrackerDefinition> All(VrrpdConfiguration config)
    {
        foreach (var s in config.Scripts) yield return new(TrackerKind.Script, s.Name, s.Timing, s);
        foreach (var f in config.Files)
            yield return new(TrackerKind.File, f.Name, new TrackerTiming(FilePollInterval, FilePollInterval, 1, 1, f.Weight, f.Reverse, false), f);
        foreach (var g in config.Gpus) yield return new(TrackerKind.Gpu, g.Name, g.Timing, g);
        foreach (var c in config.Containers) yield return new(TrackerKind.Container, c.Name, c.Timing, c);
        foreach (var n in config.Neighbors)
            yield return new(TrackerKind.Neighbor, n.Name, n.Timing with { Timeout = n.Timing.Timeout + NeighborGuard }, n);
        foreach (var p in config.Processes)
            yield return new(TrackerKind.Process, p.Name, new TrackerTiming(ProcessPollInterval, ProcessPollTimeout, 1, 1, p.Weight, p.Reverse, false), p);
    }
}
