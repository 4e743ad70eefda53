namespace Vrrpd.Configuration;

/// <summary>
/// keepalived's <c>vrrp_track_process NAME { process NAME [PARAM...]; param_match [exact|partial|initial];
/// full_command; quorum N; quorum_max N; delay S; terminate_delay S; fork_delay S; weight W [reverse] }</c>: are
/// enough processes matching this name (and parameters) running? Healthy while
/// <see cref="Quorum"/> ≤ count ≤ <see cref="QuorumMax"/> (docs/design/process-tracking.md §3).
/// </summary>
/// <param name="ProcessName">Compared with the process's name (/proc/PID/comm), or with argv[0] when
/// <see cref="FullCommand"/>.</param>
/// <param name="Parameters">argv[1..] to compare, per <see cref="ParameterMatch"/>; empty = none configured.</param>
/// <param name="FullCommand">Match argv[0] (/proc/PID/cmdline) instead of the name; implied by parameters and by
/// <c>param_match</c>.</param>
/// <param name="Quorum">The fewest matching processes that count as healthy (0 with <c>quorum_max 0</c>).</param>
/// <param name="QuorumMax">The most; null = no limit.</param>
/// <param name="ForkDelay">How long the count must stay within the quorum before the tracker turns healthy.</param>
/// <param name="TerminateDelay">How long the count must stay outside the quorum before the tracker fails.</param>
public sealed record ProcessTrackerConfig(
    string Name,
    string ProcessName,
    IReadOnlyList<string> Parameters,
    ProcessParameterMatch ParameterMatch,
    bool FullCommand,
    int Quorum,
    int? QuorumMax,
    TimeSpan ForkDelay,
    TimeSpan TerminateDelay,
    int Weight,
    bool Reverse,
    SourceLocation Location)
{
    /// <summary>The kernel keeps a process's name (comm) to 15 bytes (TASK_COMM_LEN 16, with its NUL).</summary>
    public const int MaxCommLength = 15;

    /// <summary>keepalived's limit for <c>delay</c>, <c>terminate_delay</c> and <c>fork_delay</c>: one hour.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    /// <summary>Whether <paramref name="count"/> matching processes make the tracker healthy.</summary>
    public bool WithinQuorum(int count) => count >= Quorum && (QuorumMax is not { } max || count <= max);

    /// <summary>"1..unlimited", "2..4", "0..0": the healthy range, for status.</summary>
    public string QuorumText => $"{Quorum}..{(QuorumMax is { } max ? max.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unlimited")}";
}
