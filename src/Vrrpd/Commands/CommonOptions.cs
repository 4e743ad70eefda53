using System.CommandLine;
using Vrrpd.Daemon;

namespace Vrrpd.Commands;

/// <summary>Options shared by several subcommands, so each is spelled and defaulted once.</summary>
internal static class CommonOptions
{
    public static Option<string> ConfigFile() => new("--file", "-f")
    {
        Description = "Configuration file (keepalived grammar)",
        DefaultValueFactory = _ => DaemonOptions.DefaultConfigPath,
    };

    public static Option<string> ControlSocket() => new("--control-socket")
    {
        Description = "Unix socket the daemon answers on",
        DefaultValueFactory = _ => DaemonOptions.DefaultControlSocketPath,
    };
}
