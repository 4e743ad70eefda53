using System.CommandLine;
using System.Text.Json;
using Vrrpd.Daemon;
using Vrrpd.Status;

namespace Vrrpd.Commands;

/// <summary>`vrrpd status`: asks the running daemon over its control socket; a table, or the JSON as is.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var controlSocket = CommonOptions.ControlSocket();
        var json = new Option<bool>("--json") { Description = "Print the JSON status document (see README)" };
        var command = new Command("status", "Show every instance, its state and priority") { controlSocket, json };
        command.SetAction(result => Show(result.GetValue(controlSocket)!, result.GetValue(json), Console.Out, Console.Error));
        return command;
    }

    public static int Show(string controlSocket, bool json, TextWriter output, TextWriter errors)
    {
        string reply;
        try
        {
            reply = ControlClient.Request(controlSocket, "status", TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (ControlUnreachable.Handles(e))
        {
            return ControlUnreachable.Report(controlSocket, e, errors);
        }
        if (json)
        {
            output.Write(reply);
            return ExitCodes.Ok;
        }
        var report = JsonSerializer.Deserialize(reply, StatusJsonContext.Default.StatusReport);
        if (report is null)
        {
            errors.WriteLine("the daemon's reply was empty");
            return ExitCodes.RuntimeError;
        }
        StatusTable.Write(report, output);
        return ExitCodes.Ok;
    }
}
