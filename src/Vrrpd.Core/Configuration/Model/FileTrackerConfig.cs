namespace Vrrpd.Configuration;

/// <summary>
/// keepalived's <c>vrrp_track_file NAME { file PATH; weight W [reverse]; init_file [VALUE] [overwrite] }</c>
/// (also spelled <c>track_file</c> at top level): the file holds an integer; delta = value × weight.
/// </summary>
public sealed record FileTrackerConfig(string Name, string Path, int Weight, bool Reverse, int? InitValue, bool InitOverwrite, SourceLocation Location);
