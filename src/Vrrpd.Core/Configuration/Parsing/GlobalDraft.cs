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

    public GlobalDefinitions Build() => new()
    {
        RouterId = RouterId,
        DefaultVersion = Version ?? VrrpVersion.V3,
        DefaultVersionWasSet = Version is not null,
        Garp = Garp.ResolveGlobal(MinGarp),
        CheckUnicastSource = CheckUnicastSource,
        V3ChecksumAsV2 = V3ChecksumAsV2,
        ScriptUser = ScriptUser,
        ScriptGroup = ScriptGroup,
        EnableScriptSecurity = EnableScriptSecurity,
        DownTimerAdverts = DownTimerAdverts ?? 3,
        NvmlLibrary = NvmlLibrary,
    };
}
