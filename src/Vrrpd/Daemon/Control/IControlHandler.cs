using Vrrpd.Status;

namespace Vrrpd.Daemon.Control;

/// <summary>What the control socket asks of the daemon; the server only frames, authorizes and answers.</summary>
internal interface IControlHandler
{
    StatusReport Status();

    /// <summary>Every request but status, already authorized. Runs on a thread-pool thread.</summary>
    ControlReply Handle(ControlRequest request, PeerCredentials caller);
}
