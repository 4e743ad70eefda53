using Vrrpd.Linux;
using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // <sys/socket.h>, <linux/if_ether.h>, <netinet/in.h>: values as on Linux (all architectures).
        internal const int AF_UNSPEC = 0;
        internal const int AF_INET = 2;
        internal const int AF_INET6 = 10;
        internal const int AF_NETLINK = 16;
        internal const int AF_PACKET = 17;

        internal const int SOCK_RAW = 3;
        internal const int SOCK_CLOEXEC = 0x80000;

        internal const int IPPROTO_IP = 0;
        internal const int IPPROTO_ICMP = 1;
        internal const int IPPROTO_ICMPV6 = 58;
        internal const int IPPROTO_IPV6 = 41;
        /// <summary>VRRP's IP protocol / IPv6 next header (RFC 5798 §5.1.1.4, §5.1.2.4).</summary>
        internal const int IPPROTO_VRRP = 112;

        internal const ushort ETH_P_ALL = 0x0003;
        internal const ushort ETH_P_ARP = 0x0806;
        internal const ushort ETH_P_IPV6 = 0x86DD;

        [LibraryImport(Libraries.Libc, EntryPoint = "socket", SetLastError = true)]
        internal static partial int Socket(int domain, int type, int protocol);

        [LibraryImport(Libraries.Libc, EntryPoint = "bind", SetLastError = true)]
        internal static unsafe partial int Bind(SafeFileDescriptor socket, void* address, uint addressLength);

        [LibraryImport(Libraries.Libc, EntryPoint = "close", SetLastError = true)]
        internal static partial int Close(int fd);
    }
}
