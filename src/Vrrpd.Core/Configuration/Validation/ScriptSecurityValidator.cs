namespace Vrrpd.Configuration;

/// <summary>
/// keepalived's script privileges, checked against the host (docs/design/keepalived-compatibility.md §12):
/// <list type="bullet">
/// <item>a script with no user of its own and no <c>script_user</c> runs as <c>keepalived_script</c> when that
/// user exists, else as vrrpd's own user; with <c>enable_script_security</c> and no such user keepalived runs no
/// such script, so vrrpd refuses the file;</item>
/// <item>a user or group that does not exist is an error (keepalived drops the script);</item>
/// <item>a script that runs as root (uid or gid 0, or a set-uid/set-gid root file) must not be replaceable by
/// anyone but root: every directory from <c>/</c> down and the file itself owned by root, not writable by a
/// non-root group or by everyone (a sticky directory excepted). With <c>enable_script_security</c> an unsafe
/// script is an error naming the path and why; without it, keepalived runs it anyway and so does vrrpd, with a
/// warning.</item>
/// </list>
/// The returned configuration names the account each script runs as.
/// </summary>
internal static class ScriptSecurityValidator
{
    /// <summary>keepalived's default script user (notify.c get_default_script_user).</summary>
    public const string DefaultUser = "keepalived_script";

    public static VrrpdConfiguration Validate(VrrpdConfiguration configuration, IScriptEnvironment host, DiagnosticBag d)
    {
        bool secure = configuration.Global.EnableScriptSecurity;
        return ScriptCommands.Map(configuration, (command, what) =>
        {
            CommandLine effective = command;
            (int Uid, int Gid)? account;
            if (command.User is null)
            {
                account = host.FindUser(DefaultUser);
                if (account is not null)
                {
                    effective = command with { User = DefaultUser };
                }
                else if (secure)
                {
                    d.Error(command.Location, $"{what} names no user, there is no script_user and no user {DefaultUser} on this host: with enable_script_security keepalived runs no script as root by default, and neither does vrrpd; set 'script_user root' to mean it, or a user of its own");
                    return command;
                }
                else
                {
                    account = host.Own;
                }
            }
            else if (Account(command, what, host, d) is { } named)
            {
                account = named;
            }
            else
            {
                return command;
            }

            CheckPath(command, what, account.Value, secure, host, d);
            return effective;
        });
    }

    private static (int Uid, int Gid)? Account(CommandLine command, string what, IScriptEnvironment host, DiagnosticBag d)
    {
        if (host.FindUser(command.User!) is not { } user)
        {
            d.Error(command.Location, $"{what}: user '{command.User}' does not exist on this host (keepalived would not run the script; vrrpd never runs it as another user instead)");
            return null;
        }

        if (command.Group is null)
        {
            return user;
        }

        if (host.FindGroup(command.Group) is not { } gid)
        {
            d.Error(command.Location, $"{what}: group '{command.Group}' does not exist on this host (keepalived would not run the script; vrrpd never runs it as another group instead)");
            return null;
        }

        return (user.Uid, gid);
    }

    private static void CheckPath(CommandLine command, string what, (int Uid, int Gid) account, bool secure, IScriptEnvironment host, DiagnosticBag d)
    {
        string program = command.Argv[0];
        if (host.FindProgram(program) is not { } path || host.RealPath(path) is not { } real || host.Status(real) is not { } file)
        {
            d.Warning(command.Location, $"{what}: '{program}' does not exist on this host; running it will fail until it does");
            return;
        }

        bool asRoot = account.Uid == 0 || account.Gid == 0
            || (file.Uid == 0 && file.IsSetUid && (file.Permissions & 0x40) != 0)
            || (file.Gid == 0 && file.IsSetGid && (file.Permissions & 0x8) != 0);
        if (!asRoot)
        {
            return;
        }

        // The path as written with its directories resolved (the name a program sees), then the real file.
        string named = Path.Combine(Path.GetDirectoryName(real)!, Path.GetFileName(path));
        string? unsafePart = (named != real ? Unsafe(named, host) : null) ?? Unsafe(real, host);
        if (unsafePart is null)
        {
            return;
        }

        string runs = account.Uid == 0 ? "as root" : account.Gid == 0 ? "with group root" : "set-uid/set-gid root";
        if (secure)
        {
            d.Error(command.Location, $"{what}: '{program}' would run {runs}, but {unsafePart}; enable_script_security refuses it, as keepalived does, since whoever can change it could run commands as root");
        }
        else
        {
            d.Warning(command.Location, $"{what}: '{program}' runs {runs}, but {unsafePart}; keepalived runs it anyway without enable_script_security (and reports a SECURITY VIOLATION), and so does vrrpd: add enable_script_security to refuse it");
        }
    }

    /// <summary>The first element of the path, from <c>/</c> down, that someone other than root could change,
    /// and why; null when there is none (keepalived notify.c check_security).</summary>
    private static string? Unsafe(string path, IScriptEnvironment host)
    {
        var parts = new List<string> { "/" };
        string current = "";
        foreach (string name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current += "/" + name;
            parts.Add(current);
        }

        for (int i = 0; i < parts.Count; i++)
        {
            bool last = i == parts.Count - 1;
            if (host.Status(parts[i]) is not { } status)
            {
                return $"{parts[i]} cannot be examined";
            }

            if (last ? !(status.IsRegularFile || status.IsSymbolicLink) : !status.IsDirectory)
            {
                return $"{parts[i]} is not a {(last ? "file" : "directory")}";
            }

            if (status.Uid != 0)
            {
                return $"{parts[i]} is owned by uid {status.Uid}";
            }

            bool guarded = (status.IsDirectory && !status.IsSticky) || status.IsRegularFile;
            string mode = Convert.ToString(status.Permissions, 8).PadLeft(4, '0');
            if (guarded && status.Gid != 0 && (status.Permissions & 0x10) != 0)
            {
                return $"{parts[i]} is writable by group {status.Gid} (mode {mode})";
            }

            if (guarded && (status.Permissions & 0x2) != 0)
            {
                return $"{parts[i]} is writable by everyone (mode {mode})";
            }
        }

        return null;
    }
}
