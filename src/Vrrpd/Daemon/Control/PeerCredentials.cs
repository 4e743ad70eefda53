using System.Buffers.Binary;
using System.Net.Sockets;

namespace Vrrpd.Daemon.Control;

/// <summary>
/// Who is at the other end of an accepted unix socket, as the kernel saw it at connect time: SO_PEERCRED
/// (struct ucred { pid_t pid; uid_t uid; gid_t gid; }, socket(7)) and SO_PEERGROUPS (the supplementary gids, since
/// Linux 4.13). Read with Socket.GetRawSocketOption, so no P/Invoke and nothing the trimmer must know about.
/// </summary>
internal sealed record PeerCredentials(int Pid, uint Uid, uint Gid, IReadOnlyList<uint> Groups)
{
    private const int SOL_SOCKET = 1;
    private const int SO_PEERCRED = 17;
    private const int SO_PEERGROUPS = 59;

    public bool IsRoot => Uid == 0;

    public bool IsMemberOf(uint gid) => Gid == gid || Groups.Contains(gid);

    public static PeerCredentials Read(Socket socket)
    {
        Span<byte> ucred = stackalloc byte[12];
        if (socket.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, ucred) != ucred.Length)
            throw new SocketException((int)SocketError.ProtocolNotSupported);
        var pid = BinaryPrimitives.ReadInt32LittleEndian(ucred);
        var uid = BinaryPrimitives.ReadUInt32LittleEndian(ucred[4..]);
        var gid = BinaryPrimitives.ReadUInt32LittleEndian(ucred[8..]);
        return new PeerCredentials(pid, uid, gid, ReadGroups(socket));
    }

    private static uint[] ReadGroups(Socket socket)
    {
        var buffer = new byte[4 * 1024];   // 1024 supplementary groups; more fail ERANGE and count as none
        try
        {
            var length = socket.GetRawSocketOption(SOL_SOCKET, SO_PEERGROUPS, buffer);
            var groups = new uint[length / 4];
            for (var i = 0; i < groups.Length; i++) groups[i] = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(i * 4));
            return groups;
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
