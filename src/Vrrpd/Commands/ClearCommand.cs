using System.CommandLine;
using Vrrpd.Status;

namespace Vrrpd.Commands;

/// <summary>`vrrpd clear TRACKER`: clears a latched fatal fault (a GPU Xid that needs a reset), after which the tracker
/// recovers with its rise successes (docs/design/gpu-health.md §11).</summary>
internal static class ClearCommand
{
    public static Command Create()
    {
        var controlSocket = CommonOptions.ControlSocket();
        var tracker = new Argument<string>("TRACKER") { Description = "The tracker's name (vrrp_track_gpu NAME, ...)" };
        var command = new Command("clear", "Clear a tracker's latched fatal fault") { tracker, controlSocket };
        command.SetAction(result => ControlCommand.Send(result.GetValue(controlSocket)!,
            new ControlRequest { Command = ControlRequest.Clear, Tracker = result.GetValue(tracker) }, Console.Out, Console.Error));
        return command;
    }
}
