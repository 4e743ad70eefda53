using Vrrpd.Configuration;

namespace Vrrpd.Linux.Health;

/// <summary>
/// The argv that runs a vrrp_script the way keepalived does, without a shell and without forking in managed code:
/// <c>setsid --wait</c> (util-linux) puts the script in a session and process group of its own, so a timeout can
/// signal the script and everything it started (kill(-pgid)). The child .NET starts is never a group leader, so
/// setsid execs in place and the pid .NET sees is the group's id. A <c>user</c> other than root is switched to with
/// <c>setpriv --reuid --regid --groups</c>, the group being the one named or the user's primary group and the only
/// supplementary group, as keepalived leaves it; inheritable and ambient capabilities are cleared
/// (docs/design/keepalived-compatibility.md §12).
/// </summary>
internal static class ScriptCommand
{
    public const string Setsid = "/usr/bin/setsid";
    public const string Setpriv = "/usr/bin/setpriv";

    /// <summary>Builds the argv; throws <see cref="ArgumentException"/> naming an unknown user or group.</summary>
    public static IReadOnlyList<string> Build(CommandLine script, Func<string, (int Uid, int Gid)?> lookupUser, Func<string, int?> lookupGroup)
    {
        var argv = new List<string> { Setsid, "--wait" };
        if (script.User is { } user && user != "root")
        {
            (int uid, int gid) = lookupUser(user) ?? throw new ArgumentException($"user {user} does not exist");
            if (script.Group is { } group)
            {
                gid = lookupGroup(group) ?? throw new ArgumentException($"group {group} does not exist");
            }

            argv.AddRange([Setpriv, $"--reuid={uid}", $"--regid={gid}", $"--groups={gid}", "--inh-caps=-all", "--ambient-caps=-all", "--"]);
        }

        argv.AddRange(script.Argv);
        return argv;
    }
}
