using System.Globalization;
using System.Text;

namespace Vrrpd.Linux.Health.Processes;

/// <summary>
/// What /proc says about processes (proc(5)): the pids, a process's name and whether it still runs (/proc/PID/stat),
/// and its argv (/proc/PID/cmdline). Any process may be gone by the time it is read: every read answers "not there"
/// rather than throwing. /proc shows the pid namespace it was mounted for (docs/design/process-tracking.md §5).
/// </summary>
internal static class ProcFileSystem
{
    private const string Root = "/proc";

    /// <summary>Every process (thread group) now listed in /proc.</summary>
    public static List<int> ListProcesses()
    {
        var pids = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories(Root))
        {
            if (int.TryParse(Path.GetFileName(directory.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                pids.Add(pid);
        }

        return pids;
    }

    /// <summary>
    /// The process's name (comm) from /proc/PID/stat, when it exists and is not a zombie: a process that has exited
    /// but not been reaped no longer runs, and the connector already reported its exit (keepalived skips them too).
    /// </summary>
    public static bool TryReadRunningName(int pid, out string name)
    {
        name = "";
        string stat;
        try
        {
            stat = File.ReadAllText($"{Root}/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // "PID (NAME) S ...": the name may hold spaces and parentheses, so it ends at the last ')'.
        int open = stat.IndexOf('(', StringComparison.Ordinal);
        int close = stat.LastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= stat.Length)
            return false;
        char state = stat[close + 2];
        if (state is 'Z' or 'X' or 'x')
            return false;
        name = stat[(open + 1)..close];
        return true;
    }

    /// <summary>argv from /proc/PID/cmdline; null when gone, unreadable or empty (kernel threads).</summary>
    public static IReadOnlyList<string>? ReadCommandLine(int pid)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes($"{Root}/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return SplitCommandLine(bytes);
    }

    /// <summary>NUL-separated arguments, the last one NUL-terminated; null for none.</summary>
    internal static IReadOnlyList<string>? SplitCommandLine(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return null;
        if (bytes[^1] == 0)
            bytes = bytes[..^1];
        var arguments = new List<string>();
        foreach (Range part in bytes.Split((byte)0))
            arguments.Add(Encoding.UTF8.GetString(bytes[part]));
        return arguments;
    }
}
