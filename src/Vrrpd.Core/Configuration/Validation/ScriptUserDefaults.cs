namespace Vrrpd.Configuration;

/// <summary>
/// <c>script_user USER [GROUP]</c> in global_defs is the account of every script that names none of its own:
/// vrrp_script without <c>user</c>, <c>notify* CMD</c> without <c>USER [GROUP]</c>, notify FIFO scripts
/// (keepalived's default script user, docs/design/keepalived-compatibility.md §12).
/// </summary>
internal static class ScriptUserDefaults
{
    public static VrrpdConfiguration Apply(VrrpdConfiguration configuration) =>
        configuration.Global.ScriptUser is not { } user
            ? configuration
            : ScriptCommands.Map(configuration, (command, _) => command.User is null
                ? command with { User = user, Group = configuration.Global.ScriptGroup }
                : command);
}
