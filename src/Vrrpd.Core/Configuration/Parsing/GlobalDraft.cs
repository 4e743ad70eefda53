using Vrrpd.Protocol;

namespace Vrrpd.Configuration;

/// <summary><c>global_defs</c> as written, before defaults are applied.</summary>
internal sealed class GlobalDraft
{
    public string? RouterId { get; set; }

    public VrrpVersion? Version { get; set; }

    public GarpOverrides Garp { get; } = new();

    public bool MinGarp { get; set; }

    public bool CheckUnicastSource { get; set; }

    public bool V3ChecksumAsV2 { get; set; }

    public string? ScriptUser { get; set; }

    public string? ScriptGroup { get; set; }

    public bool EnableScriptSecurity { get; set; }

    public int? DownTimerAdverts { get; set; }

    public string? NvmlLibrary { get; set; }

    public int? Nice { get; set; }

    public int? RealtimePriority { get; set; }

    public long? RealtimeLimitMicroseconds { get; set; }

    public System.Net.IPEndPoint? MetricsListen { get; set; }

    public string? EventsFile { get; set; }

    public long? EventsFileMaxBytes { get; set; }

    public string? ControlSocketGroup { get; set; }

    /// <summary>notify_fifo / vrrp_notify_fifo paths, and their scripts, by keyword prefix ("" or "vrrp_").</summary>
    public Dictionary<string, string> FifoPaths { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CommandLine> FifoScripts { get; } = new(StringComparer.Ordinal);

    public GlobalDefinitions Build() => new()
    {
        RouterId = RouterId,
        DefaultVersion = Version ?? VrrpVersion.V2,
        DefaultVersionWasSet = Version is not null,
        Garp = Garp.ResolveGlobal(MinGarp),
        CheckUnicastSource = CheckUnicastSource,
        V3ChecksumAsV2 = V3ChecksumAsV2,
        ScriptUser = ScriptUser,
        ScriptGroup = ScriptGroup,
        EnableScriptSecurity = EnableScriptSecurity,
        DownTimerAdverts = DownTimerAdverts ?? 3,
        NvmlLibrary = NvmlLibrary,
        Nice = Nice,
        RealtimePriority = RealtimePriority,
        RealtimeLimitMicroseconds = RealtimeLimitMicroseconds,
        MetricsListen = MetricsListen,
        EventsFile = EventsFile ?? GlobalDefinitions.DefaultEventsFile,
        EventsFileMaxBytes = EventsFileMaxBytes ?? 10L * 1024 * 1024,
        ControlSocketGroup = ControlSocketGroup,
        NotifyFifos = FifoPaths
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new NotifyFifoConfig(f.Key + "notify_fifo", f.Value, FifoScripts.GetValueOrDefault(f.Key)))
            .ToArray(),
    };
}
