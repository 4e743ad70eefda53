using Vrrpd.Protocol;

namespace Vrrpd.Configuration;

/// <summary>The <c>global_defs { ... }</c> keywords vrrpd implements (keepalived global_parser.c names).</summary>
internal static class GlobalDefsKeywords
{
    public static readonly KeywordTable<GlobalDraft> Table = new("global_defs", Handlers(), KeepalivedKeywords.Global);

    private static readonly TimeSpan MaxGarpDelay = TimeSpan.FromSeconds(86400);

    private static Dictionary<string, KeywordHandler<GlobalDraft>> Handlers()
    {
        var table = new Dictionary<string, KeywordHandler<GlobalDraft>>(StringComparer.Ordinal)
        {
            ["nvml_library"] = (s, g, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "an absolute path to libnvidia-ml.so", d) && TrackerBlocks.TryAbsolutePath(s.Arguments[0], s.Name, d))
                {
                    g.NvmlLibrary = s.Arguments[0].Text;
                }
            },
            ["router_id"] = (s, g, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "a name", d))
                {
                    g.RouterId = s.Arguments[0].Text;
                }
            },
            ["vrrp_version"] = (s, g, d) =>
            {
                if (ReadVersion(s, d) is { } version)
                {
                    g.Version = version;
                }
            },
            ["vrrp_min_garp"] = (s, g, d) =>
            {
                if (Values.TryFlag(s, d, out bool value))
                {
                    g.MinGarp = value;
                }
            },
            ["vrrp_check_unicast_src"] = (s, g, d) =>
            {
                if (Values.TryIgnoringFlag(s, d))
                {
                    g.CheckUnicastSource = true;
                }
            },
            ["v3_checksum_as_v2"] = (s, g, d) =>
            {
                if (Values.TryFlag(s, d, out bool value))
                {
                    g.V3ChecksumAsV2 = value;
                }
            },
            ["enable_script_security"] = (s, g, d) =>
            {
                if (Values.TryIgnoringFlag(s, d))
                {
                    g.EnableScriptSecurity = true;
                }
            },
            ["script_user"] = (s, g, d) =>
            {
                if (Values.ExpectArguments(s, 1, 2, "a user name, optionally followed by a group name", d))
                {
                    g.ScriptUser = s.Arguments[0].Text;
                    g.ScriptGroup = s.Arguments.Count > 1 ? s.Arguments[1].Text : null;
                }
            },
            ["vrrp_down_timer_adverts"] = (s, g, d) =>
            {
                if (ReadDownTimerAdverts(s, d) is { } adverts)
                {
                    g.DownTimerAdverts = adverts;
                }
            },
            // keepalived's scheduling knobs against "thread timer expired" false failovers on a busy host.
            ["vrrp_priority"] = (s, g, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "a nice value -20..19", d)
                    && Values.TryInteger(s.Arguments[0], s.Name, -20, 19, d, out int value))
                {
                    g.Nice = value;
                }
            },
            ["vrrp_rt_priority"] = (s, g, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "a realtime priority 1..99", d)
                    && Values.TryInteger(s.Arguments[0], s.Name, 1, 99, d, out int value))
                {
                    g.RealtimePriority = value;
                }
            },
            ["vrrp_rlimit_rttime"] = (s, g, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "microseconds", d)
                    && Values.TryInteger(s.Arguments[0], s.Name, 1, int.MaxValue, d, out int value))
                {
                    g.RealtimeLimitMicroseconds = value;
                }
            },
        };
        AddGarp(table, "vrrp_", g => g.Garp);
        OperationsKeywords.AddTo(table);
        return table;
    }

    /// <summary><c>version 2|3</c> / <c>vrrp_version 2|3</c>.</summary>
    public static VrrpVersion? ReadVersion(Statement s, DiagnosticBag d)
    {
        if (!Values.ExpectArguments(s, 1, 1, "2 or 3", d))
        {
            return null;
        }

        Token token = s.Arguments[0];
        switch (token.Text)
        {
            case "2": return VrrpVersion.V2;
            case "3": return VrrpVersion.V3;
            default:
                d.Error(token.Location, $"'{s.Name}' expects 2 or 3, got '{token.Text}'");
                return null;
        }
    }

    /// <summary><c>[vrrp_]down_timer_adverts 1..100</c>; 3 is RFC 5798 §6.1's Master_Down_Interval.</summary>
    public static int? ReadDownTimerAdverts(Statement s, DiagnosticBag d) =>
        Values.ExpectArguments(s, 1, 1, "an integer 1..100", d)
        && Values.TryInteger(s.Arguments[0], s.Name, 1, 100, d, out int value) ? value : null;

    /// <summary>The six GARP keywords, <c>vrrp_garp_*</c> globally and <c>garp_*</c> per instance.</summary>
    public static void AddGarp<TDraft>(Dictionary<string, KeywordHandler<TDraft>> table, string prefix, Func<TDraft, GarpOverrides> garp)
    {
        table[prefix + "garp_master_delay"] = (s, x, d) => Timer(s, d, 0, v => garp(x).MasterDelay = v);
        table[prefix + "garp_master_repeat"] = (s, x, d) => Count(s, d, v => garp(x).MasterRepeat = v);
        table[prefix + "garp_master_refresh"] = (s, x, d) => Timer(s, d, 0, v => garp(x).MasterRefresh = v);
        table[prefix + "garp_master_refresh_repeat"] = (s, x, d) => Count(s, d, v => garp(x).MasterRefreshRepeat = v);
        table[prefix + "garp_lower_prio_delay"] = (s, x, d) => Timer(s, d, 0, v => garp(x).LowerPriorityDelay = v);
        table[prefix + "garp_lower_prio_repeat"] = (s, x, d) => Count(s, d, v => garp(x).LowerPriorityRepeat = v);
    }

    private static void Timer(Statement s, DiagnosticBag d, int minSeconds, Action<TimeSpan> store)
    {
        if (Values.ExpectArguments(s, 1, 1, "seconds", d)
            && Values.TryTimer(s.Arguments[0], s.Name, TimeSpan.FromSeconds(minSeconds), MaxGarpDelay, d, out TimeSpan value))
        {
            store(value);
        }
    }

    private static void Count(Statement s, DiagnosticBag d, Action<int> store)
    {
        if (Values.ExpectArguments(s, 1, 1, "a count", d)
            && Values.TryInteger(s.Arguments[0], s.Name, 0, 1000, d, out int value))
        {
            store(value);
        }
    }
}
