using System.Net.Sockets;

namespace Vrrpd.Commands;

/// <summary>
/// What a client command says, and which exit code it returns, when it cannot talk to the daemon: connect()
/// refused with EACCES is a permission refusal (5), not an absent daemon; a missing socket file or nothing
/// listening means no daemon runs (3).
/// </summary>
internal static class ControlUnreachable
{
    public static bool Handles(Exception e) => e is SocketException or IOException;

    public static int Report(string controlSocket, Exception e, TextWriter errors)
    {
        switch (e)
        {
            case SocketException { SocketErrorCode: SocketError.AccessDenied }:
                errors.WriteLine($"permission denied: {controlSocket} is for root and members of control_socket_group");
                return ExitCodes.Refused;
            // connect() on a path that does not exist: ENOENT, which .NET reports as EADDRNOTAVAIL.
            case SocketException { SocketErrorCode: SocketError.AddressNotAvailable }:
                errors.WriteLine($"no control socket at {controlSocket}; is vrrpd running?");
                return ExitCodes.NotRunning;
            case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                errors.WriteLine($"nothing listens on {controlSocket} (a socket left by a stopped daemon); is vrrpd running?");
                return ExitCodes.NotRunning;
            default:
                errors.WriteLine($"vrrpd is not answering on {controlSocket}: {ErrorText.Of(e)}");
                return ExitCodes.NotRunning;
        }
    }
}
