namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// Removes namespaces that an earlier, crashed test run left behind: `vi-&lt;pid&gt;-...` whose pid is dead.
/// Namespaces of live test processes (a parallel run) are left alone.
/// </summary>
internal static class NamespaceSweeper
{
    public const string Prefix = "vi-";
    private static int swept;

    public static void SweepOnce()
    {
        if (Interlocked.Exchange(ref swept, 1) == 0)
        {
            Sweep();
        }
    }

    /// <summary>Deletes every `vi-` namespace whose owning test process is dead.</summary>
    public static void Sweep()
    {
        foreach (var name in ListNamespaces())
        {
            if (OwnerPid(name) is int pid && !Signals.IsAlive(pid))
            {
                Delete(name);
            }
        }
    }

    public static IReadOnlyList<string> ListNamespaces() =>
        Command.Run("ip", "netns", "list").StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0])
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToList();

    /// <summary>Kills whatever still runs inside the namespace (daemons, captures), then deletes it.</summary>
    public static void Delete(string name)
    {
        foreach (var pid in Command.Run("ip", "netns", "pids", name).StdOut
                     .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(pid, out var id))
            {
                Signals.Send(id, Signals.SIGKILL);
            }
        }

        Command.Run("ip", "netns", "del", name);
    }

    private static int? OwnerPid(string name)
    {
        var parts = name.Split('-');
        return parts.Length >= 3 && int.TryParse(parts[1], out var pid) ? pid : null;
    }
}
