using System.Net;
using System.Net.Sockets;

namespace Vrrpd.Configuration;

/// <summary>vrrpd's <c>vrrp_track_neighbor NAME { address IP...; quorum N; method arp|icmp; interface IF; interval;
/// timeout; rise; fall; weight W [reverse]; init_fail }</c> (docs/design/neighbor-tracking.md).</summary>
internal static class NeighborTrackerKeywords
{
    private static readonly KeywordTable<NeighborDraft> Table = new("vrrp_track_neighbor", Handlers(), TrackerBlocks.NoneIgnored);

    /// <summary>The keywords of the block, for ConfigurationKeywords (documentation that cannot drift).</summary>
    internal static IEnumerable<string> Keywords => Table.Keywords;

    public static NeighborTrackerConfig? Read(Statement s, DiagnosticBag d)
    {
        NeighborDraft? draft = TrackerBlocks.Read(s, Table, (n, l) => new NeighborDraft(n, l), d);
        if (draft is null)
        {
            return null;
        }

        if (draft.Quorum is { } quorum && quorum.Value > Math.Max(1, draft.Addresses.Count))
        {
            string listed = draft.Addresses.Count == 0 ? "only the default gateway is probed" : $"only {draft.Addresses.Count} address(es) are listed";
            d.Error(quorum.Location, $"'quorum' {quorum.Value} in vrrp_track_neighbor {draft.Name}: {listed}");
            return null;
        }

        if (draft.Interface is null && draft.Addresses.FirstOrDefault(a => a.IsIPv6LinkLocal) is { } linkLocal)
        {
            d.Error(s.Location, $"vrrp_track_neighbor {draft.Name}: the link-local address {linkLocal} needs 'interface' (no route says which link it is on)");
            return null;
        }

        TrackerTiming timing = draft.Timing.Build(TrackerTiming.Default);
        if (timing.Timeout < NeighborTrackerConfig.MinInterval)
        {
            // Only reachable through an explicit timeout; the interval has its own lower bound.
            d.Error(draft.TimeoutLocation ?? s.Location, $"'timeout' in vrrp_track_neighbor {draft.Name} must be at least 0.05 s (or 0 = the interval)");
            return null;
        }

        return new NeighborTrackerConfig(draft.Name, draft.Addresses, draft.Quorum?.Value, draft.Method, draft.Interface, timing, draft.Location);
    }

    private static Dictionary<string, KeywordHandler<NeighborDraft>> Handlers()
    {
        var table = new Dictionary<string, KeywordHandler<NeighborDraft>>(StringComparer.Ordinal)
        {
            // Several per line, several lines: the addresses add up.
            ["address"] = (s, n, d) =>
            {
                if (!Values.ExpectArguments(s, 1, 64, "one or more IPv4 or IPv6 addresses", d))
                {
                    return;
                }

                foreach (Token word in s.Arguments)
                {
                    if (!IPAddress.TryParse(word.Text, out IPAddress? address) || word.Text.Contains('/'))
                    {
                        d.Error(word.Location, $"'address' expects IP addresses, got '{word.Text}'");
                    }
                    else if (address.AddressFamily == AddressFamily.InterNetworkV6 && (address.IsIPv6Multicast || address.Equals(IPAddress.IPv6Any)))
                    {
                        d.Error(word.Location, $"'address' expects a unicast neighbour, got '{word.Text}'");
                    }
                    else if (n.Addresses.Contains(address))
                    {
                        d.Warning(word.Location, $"'address' {word.Text} is listed twice in vrrp_track_neighbor {n.Name}; probed once");
                    }
                    else
                    {
                        n.Addresses.Add(address);
                    }
                }
            },
            ["quorum"] = (s, n, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "an integer 1..64", d)
                    && Values.TryInteger(s.Arguments[0], s.Name, 1, 64, d, out int value))
                {
                    n.Quorum = (value, s.Arguments[0].Location);
                }
            },
            ["method"] = (s, n, d) =>
            {
                if (!Values.ExpectArguments(s, 1, 1, "arp or icmp", d))
                {
                    return;
                }

                switch (s.Arguments[0].Text)
                {
                    case "arp":
                        n.Method = NeighborProbeMethod.Arp;
                        break;
                    case "icmp":
                        n.Method = NeighborProbeMethod.Icmp;
                        break;
                    default:
                        d.Error(s.Arguments[0].Location, $"'method' expects arp or icmp, got '{s.Arguments[0].Text}'");
                        break;
                }
            },
            ["interface"] = (s, n, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "an interface name", d))
                {
                    n.Interface = s.Arguments[0].Text;
                }
            },
        };
        TrackerTimingDraft.AddTo(table, n => n.Timing);
        // A tighter lower bound than the other trackers': one probe per 50 ms at most.
        table["interval"] = (s, n, d) =>
        {
            if (Values.ExpectArguments(s, 1, 1, "seconds (fractions allowed, at least 0.05)", d)
                && Values.TryTimer(s.Arguments[0], s.Name, NeighborTrackerConfig.MinInterval, TimeSpan.FromSeconds(86400), d, out TimeSpan value))
            {
                n.Timing.Interval = value;
            }
        };
        KeywordHandler<NeighborDraft> sharedTimeout = table["timeout"];
        table["timeout"] = (s, n, d) =>
        {
            n.TimeoutLocation = s.Arguments.Count > 0 ? s.Arguments[0].Location : s.Location;
            sharedTimeout(s, n, d);
        };
        return table;
    }

    private sealed class NeighborDraft(string name, SourceLocation location)
    {
        public string Name { get; } = name;

        public SourceLocation Location { get; } = location;

        public TrackerTimingDraft Timing { get; } = new();

        public List<IPAddress> Addresses { get; } = [];

        public (int Value, SourceLocation Location)? Quorum { get; set; }

        public NeighborProbeMethod Method { get; set; } = NeighborProbeMethod.Arp;

        public string? Interface { get; set; }

        public SourceLocation? TimeoutLocation { get; set; }
    }
}
