using System.Text.Json;
using Vrrpd.Daemon;
using Vrrpd.Status;

namespace Vrrpd.Commands;

/// <summary>The client half of the requests that change the daemon: send, print the daemon's words, map to an exit
/// code (0 done, 3 not running, 5 refused, permissions included, or failed).</summary>
internal static class ControlCommand
{
    /// <summary>Long enough for a reload that re-reads a large configuration.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static int Send(string controlSocket, ControlRequest request, TextWriter output, TextWriter errors)
    {
        ControlReply reply;
        try
        {
            reply = ControlClient.Send(controlSocket, request, Timeout);
        }
        catch (Exception e) when (ControlUnreachable.Handles(e))
        {
            return ControlUnreachable.Report(controlSocket, e, errors);
        }
        catch (JsonException e)
        {
            errors.WriteLine($"the daemon's reply could not be read: {e.Message}");
            return ExitCodes.RuntimeError;
        }
        foreach (var diagnostic in reply.Diagnostics) errors.WriteLine(diagnostic);
        (reply.Ok ? output : errors).WriteLine(reply.Message);
        return reply.Ok ? ExitCodes.Ok : ExitCodes.Refused;
    }
}
