namespace Vrrpd.Configuration;

/// <summary>How <c>vrrp_track_process</c> compares a process's parameters (argv[1..]) with the configured ones
/// (keepalived's <c>param_match</c>; docs/design/process-tracking.md §2).</summary>
public enum ProcessParameterMatch
{
    /// <summary>Parameters are not looked at (no parameters configured, no <c>param_match</c>).</summary>
    None,

    /// <summary>The parameters are exactly the configured ones; with none configured, the process has none.</summary>
    Exact,

    /// <summary>The first N parameters are the N configured ones; more may follow.</summary>
    Partial,

    /// <summary>As <see cref="Partial"/>, but the last configured parameter need only begin the process's Nth.</summary>
    Initial,
}
