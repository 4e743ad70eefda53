using System.CommandLine;
using Vrrpd.Status;

namespace Vrrpd.Commands;

/// <summary>`vrrpd reload`: the daemon re-reads its configuration (as on SIGHUP) and answers with what changed, or
/// with the diagnostics of a configuration it rejected (the running one is kept).</summary>
internal static class ReloadCommand
{
    public static Command Create()
    {
        var controlSocket = CommonOptions.ControlSocket();
        var command = new Command("reload", "Re-read the configuration without restarting (like SIGHUP)") { controlSocket };
        command.SetAction(result => ControlCommand.Send(result.GetValue(controlSocket)!,
            new ControlRequest { Command = ControlRequest.Reload }, Console.Out, Console.Error));
        return command;
    }
}
