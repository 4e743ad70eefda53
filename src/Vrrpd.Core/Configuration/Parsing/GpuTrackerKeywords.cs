using System.Globalization;

namespace Vrrpd.Configuration;

/// <summary>vrrpd's <c>vrrp_track_gpu NAME { devices all|INDEX...|UUID...; interval; timeout; rise; fall;
/// weight W [reverse]; max_temperature C; xid_events on|off; fatal_xids N...; cuda_probe_interval S; init_fail }</c>.</summary>
internal static class GpuTrackerKeywords
{
    private static readonly KeywordTable<GpuDraft> Table = new("vrrp_track_gpu", Handlers(), TrackerBlocks.NoneIgnored);

    /// <summary>The keywords of the block, for ConfigurationKeywords (documentation that cannot drift).</summary>
    internal static IEnumerable<string> Keywords => Table.Keywords;

    public static GpuTrackerConfig? Read(Statement s, DiagnosticBag d)
    {
        GpuDraft? draft = TrackerBlocks.Read(s, Table, (n, l) => new GpuDraft(n, l), d);
        return draft is null ? null : new GpuTrackerConfig(
            draft.Name,
            draft.Indexes,
            draft.Uuids,
            draft.Timing.Build(TrackerTiming.Default),
            draft.MaxTemperature,
            draft.XidEvents,
            draft.FatalXids ?? GpuTrackerConfig.DefaultFatalXids,
            draft.CudaProbeInterval,
            draft.Location);
    }

    private static Dictionary<string, KeywordHandler<GpuDraft>> Handlers()
    {
        var table = new Dictionary<string, KeywordHandler<GpuDraft>>(StringComparer.Ordinal)
        {
            ["devices"] = ReadDevices,
            ["max_temperature"] = (s, g, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "degrees Celsius 1..200", d)
                    && Values.TryInteger(s.Arguments[0], s.Name, 1, 200, d, out int celsius))
                {
                    g.MaxTemperature = celsius;
                }
            },
            ["xid_events"] = (s, g, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "on|off", d) && Values.TryBoolean(s.Arguments[0], s.Name, d, out bool on))
                {
                    g.XidEvents = on;
                }
            },
            ["fatal_xids"] = (s, g, d) =>
            {
                if (!Values.ExpectArguments(s, 1, int.MaxValue, "one or more Xid numbers", d))
                {
                    return;
                }

                var xids = new List<int>();
                foreach (Token word in s.Arguments)
                {
                    if (Values.TryInteger(word, s.Name, 1, 65535, d, out int xid))
                    {
                        xids.Add(xid);
                    }
                }

                g.FatalXids = xids;
            },
            ["cuda_probe_interval"] = (s, g, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "seconds (0 = off)", d)
                    && Values.TryTimer(s.Arguments[0], s.Name, TimeSpan.Zero, TimeSpan.FromSeconds(86400), d, out TimeSpan interval))
                {
                    g.CudaProbeInterval = interval;
                }
            },
        };
        TrackerTimingDraft.AddTo(table, g => g.Timing);
        return table;
    }

    /// <summary><c>devices all</c>, or indexes (0, 1, ...) and UUIDs (GPU-..., MIG-...) as NVML names them.</summary>
    private static void ReadDevices(Statement s, GpuDraft g, DiagnosticBag d)
    {
        if (!Values.ExpectArguments(s, 1, int.MaxValue, "all, or device indexes and UUIDs", d))
        {
            return;
        }

        g.Indexes.Clear();
        g.Uuids.Clear();
        if (s.Arguments is [{ Text: "all" }])
        {
            return;
        }

        foreach (Token word in s.Arguments)
        {
            if (int.TryParse(word.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < 64)
            {
                g.Indexes.Add(index);
            }
            else if (word.Text.StartsWith("GPU-", StringComparison.Ordinal) || word.Text.StartsWith("MIG-", StringComparison.Ordinal))
            {
                g.Uuids.Add(word.Text);
            }
            else
            {
                d.Error(word.Location, $"'devices' expects all, or device indexes 0..63 and UUIDs (GPU-..., MIG-...), got '{word.Text}'");
            }
        }
    }

    private sealed class GpuDraft(string name, SourceLocation location)
    {
        public string Name { get; } = name;

        public SourceLocation Location { get; } = location;

        public TrackerTimingDraft Timing { get; } = new();

        public List<int> Indexes { get; } = [];

        public List<string> Uuids { get; } = [];

        public int? MaxTemperature { get; set; }

        public bool XidEvents { get; set; } = true;

        public IReadOnlyList<int>? FatalXids { get; set; }

        public TimeSpan CudaProbeInterval { get; set; }
    }
}
