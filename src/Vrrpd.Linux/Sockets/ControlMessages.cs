namespace Vrrpd.Linux.Sockets;

/// <summary>
/// The CMSG_* macros of &lt;sys/socket.h&gt; over a raw control buffer: ancillary data for sendmsg/recvmsg
/// (IP_PKTINFO, IPV6_PKTINFO, IPV6_HOPLIMIT, SCM_TIMESTAMPNS).
/// </summary>
internal static unsafe class ControlMessages
{
    private static nuint Align(nuint length) => (length + (nuint)sizeof(nuint) - 1) & ~((nuint)sizeof(nuint) - 1);

    private static nuint HeaderSpace => Align((nuint)sizeof(Interop.Libc.cmsghdr));

    /// <summary>CMSG_SPACE: bytes one message with <paramref name="dataLength"/> bytes of data occupies.</summary>
    internal static nuint Space(int dataLength) => HeaderSpace + Align((nuint)dataLength);

    /// <summary>Writes one control message of type T at <paramref name="buffer"/>; returns its CMSG_SPACE.</summary>
    internal static nuint Write<T>(byte* buffer, int level, int type, T data) where T : unmanaged
    {
        var header = (Interop.Libc.cmsghdr*)buffer;
        header->cmsg_len = HeaderSpace + (nuint)sizeof(T); // CMSG_LEN
        header->cmsg_level = level;
        header->cmsg_type = type;
        *(T*)(buffer + HeaderSpace) = data;
        return Space(sizeof(T));
    }

    /// <summary>Finds the first control message of level/type and copies its data; false when absent or short.</summary>
    internal static bool TryFind<T>(byte* buffer, nuint length, int level, int type, out T data) where T : unmanaged
    {
        nuint offset = 0;
        while (offset + (nuint)sizeof(Interop.Libc.cmsghdr) <= length)
        {
            var header = (Interop.Libc.cmsghdr*)(buffer + offset);
            nuint messageLength = header->cmsg_len;
            if (messageLength < (nuint)sizeof(Interop.Libc.cmsghdr) || offset + messageLength > length)
                break;
            if (header->cmsg_level == level && header->cmsg_type == type && messageLength >= HeaderSpace + (nuint)sizeof(T))
            {
                data = *(T*)(buffer + offset + HeaderSpace);
                return true;
            }
            offset += Align(messageLength);
        }
        data = default;
        return false;
    }
}
