using Vrrpd.Configuration;

namespace Vrrpd.Health;

/// <summary>
/// Whether one process is one a <c>vrrp_track_process</c> looks for, by keepalived's rules: an exact comparison (no
/// pattern; "ssh" never matches sshd) of the name (/proc/PID/comm) or, with <c>full_command</c>, of argv[0], then of
/// the parameters per <c>param_match</c> (docs/design/process-tracking.md §2).
/// </summary>
public sealed class ProcessMatcher(ProcessTrackerConfig config)
{
    /// <summary>True when a match needs the command line (/proc/PID/cmdline), not only the name.</summary>
    public bool NeedsCommandLine => config.FullCommand;

    /// <param name="name">The process's name (comm, at most 15 bytes).</param>
    /// <param name="commandLine">argv as /proc/PID/cmdline lists it; null when not read (or unreadable).</param>
    public bool Matches(string name, IReadOnlyList<string>? commandLine)
    {
        if (!config.FullCommand)
        {
            return string.Equals(name, config.ProcessName, StringComparison.Ordinal);
        }

        return commandLine is { Count: > 0 }
            && string.Equals(commandLine[0], config.ProcessName, StringComparison.Ordinal)
            && ParametersMatch(commandLine);
    }

    /// <summary>argv[1..] against the configured parameters; <paramref name="commandLine"/> includes argv[0].</summary>
    private bool ParametersMatch(IReadOnlyList<string> commandLine)
    {
        IReadOnlyList<string> wanted = config.Parameters;
        int actual = commandLine.Count - 1;
        switch (config.ParameterMatch)
        {
            case ProcessParameterMatch.None:
                return true;
            case ProcessParameterMatch.Exact:
                return actual == wanted.Count && SameFirst(commandLine, wanted, wanted.Count);
            case ProcessParameterMatch.Partial:
                return actual >= wanted.Count && SameFirst(commandLine, wanted, wanted.Count);
            default:
                if (wanted.Count == 0)
                {
                    return true;
                }

                return actual >= wanted.Count
                    && SameFirst(commandLine, wanted, wanted.Count - 1)
                    && commandLine[wanted.Count].StartsWith(wanted[^1], StringComparison.Ordinal);
        }
    }

    private static bool SameFirst(IReadOnlyList<string> commandLine, IReadOnlyList<string> wanted, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (!string.Equals(commandLine[i + 1], wanted[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"sleep 1000.5 (argv)" or "nginx (name)": what is looked for, for status.</summary>
    public string Describe()
    {
        string what = config.Parameters.Count == 0 ? config.ProcessName : $"{config.ProcessName} {string.Join(' ', config.Parameters)}";
        return config.FullCommand ? $"'{what}' (command line, {config.ParameterMatch.ToString().ToLowerInvariant()} parameters)" : $"'{what}' (name)";
    }
}
