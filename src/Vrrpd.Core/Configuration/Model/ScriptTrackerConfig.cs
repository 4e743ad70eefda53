namespace Vrrpd.Configuration;

/// <summary>keepalived's <c>vrrp_script NAME { script "cmd args"; interval; timeout; weight; rise; fall; user; init_fail }</c>.</summary>
public sealed record ScriptTrackerConfig(string Name, CommandLine Script, TrackerTiming Timing, SourceLocation Location);
