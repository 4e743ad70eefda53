using Vrrpd.Configuration;

namespace Vrrpd.Daemon.Tracking;

/// <summary>
/// Whether two tracker blocks mean the same check, which decides whether a reload keeps a tracker's runner (its
/// state, counters and latches) or starts a new one. Compared member by member as typed values: the records' own
/// equality for scalars, element by element for their lists (a record compares lists by reference), and where the
/// block was written (<see cref="SourceLocation"/>) left out: moving a block in the file changes nothing.
/// </summary>
internal static class TrackerSettings
{
    private static readonly CommandLine NoCommand = new("", []);

    public static bool Same(object a, object b) => (a, b) switch
    {
        (ScriptTrackerConfig x, ScriptTrackerConfig y) =>
            x with { Location = default, Script = NoCommand } == y with { Location = default, Script = NoCommand }
            && x.Script.Text == y.Script.Text && x.Script.Argv.SequenceEqual(y.Script.Argv),
        (FileTrackerConfig x, FileTrackerConfig y) => x with { Location = default } == y with { Location = default },
        (GpuTrackerConfig x, GpuTrackerConfig y) =>
            x with { Location = default, DeviceIndexes = [], DeviceUuids = [], FatalXids = [] }
                == y with { Location = default, DeviceIndexes = [], DeviceUuids = [], FatalXids = [] }
            && x.DeviceIndexes.SequenceEqual(y.DeviceIndexes) && x.DeviceUuids.SequenceEqual(y.DeviceUuids)
            && x.FatalXids.SequenceEqual(y.FatalXids),
        (ContainerTrackerConfig x, ContainerTrackerConfig y) => x with { Location = default } == y with { Location = default },
        (NeighborTrackerConfig x, NeighborTrackerConfig y) =>
            x with { Location = default, Addresses = [] } == y with { Location = default, Addresses = [] }
            && x.Addresses.SequenceEqual(y.Addresses),
        (ProcessTrackerConfig x, ProcessTrackerConfig y) =>
            x with { Location = default, Parameters = [] } == y with { Location = default, Parameters = [] }
            && x.Parameters.SequenceEqual(y.Parameters, StringComparer.Ordinal),
        _ => false,
    };
}
