using Vrrpd.Status;

namespace Vrrpd.Daemon.Control;

/// <summary>
/// Who may do what on the control socket. The file mode is the first gate (0600 root, or 0660 with
/// <c>control_socket_group</c>); this is the second, on the caller's kernel credentials: requests that change the
/// daemon (demote, resume, clear, reload) need root or a member of the group. Reading (status, events-file) needs
/// only a connection, which the file mode already limited.
/// </summary>
internal sealed class ControlAccess(string? groupName, uint? groupId)
{
    public string? GroupName { get; } = groupName;

    public uint? GroupId { get; } = groupId;

    /// <summary>Null when allowed; otherwise the refusal in words, for the client and the log.</summary>
    public string? Refusal(ControlRequest request, PeerCredentials peer)
    {
        if (!request.Mutates || peer.IsRoot) return null;
        if (GroupId is { } gid && peer.IsMemberOf(gid)) return null;
        var who = GroupName is null ? "root" : $"root or a member of group {GroupName}";
        return $"permission denied: '{request.Command}' changes the daemon and needs {who} (caller uid {peer.Uid}, gid {peer.Gid})";
    }
}
