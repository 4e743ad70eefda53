using System.Diagnostics;
using Vrrpd.Configuration;

namespace Vrrpd.Linux.Health;

/// <summary>
/// How vrrpd starts any script (notify commands, vrrp_script, FIFO scripts): in a session and process group of
/// its own, as the account the configuration names (docs/design/keepalived-compatibility.md §12). .NET's Process
/// cannot change the child's uid, so the switch is exec'd: util-linux <c>setpriv</c> sets real, effective and
/// saved ids, leaves the group as the only supplementary group (keepalived's setgroups(1, &amp;gid)) and clears
/// inheritable and ambient capabilities before it execs the script, so nothing of root is kept.
/// </summary>
public static class ScriptStartInfo
{
    /// <summary>The start info for <paramref name="command"/> with <paramref name="extraArguments"/> appended;
    /// throws <see cref="ArgumentException"/> naming a user or group that does not exist.</summary>
    public static ProcessStartInfo Create(CommandLine command, IEnumerable<string> extraArguments)
    {
        ArgumentNullException.ThrowIfNull(command);
        IReadOnlyList<string> argv = ScriptCommand.Build(command, PasswdDatabase.User, PasswdDatabase.Group);
        var info = new ProcessStartInfo(argv[0]) { UseShellExecute = false };
        foreach (string argument in argv.Skip(1).Concat(extraArguments))
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
