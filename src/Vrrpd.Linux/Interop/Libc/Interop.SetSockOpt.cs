using Vrrpd.Linux;
using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // <asm-generic/socket.h>
        internal const int SOL_SOCKET = 1;
        internal const int SO_RCVBUF = 8;
        internal const int SO_BINDTODEVICE = 25;
        internal const int SO_TIMESTAMPNS = 35;        // also the cmsg type (SCM_TIMESTAMPNS)

        // <linux/in.h>
        internal const int IP_TOS = 1;
        internal const int IP_TTL = 2;
        internal const int IP_PKTINFO = 8;
        internal const int IP_MTU_DISCOVER = 10;
        internal const int IP_MULTICAST_IF = 32;
        internal const int IP_MULTICAST_TTL = 33;
        internal const int IP_MULTICAST_LOOP = 34;
        internal const int IP_ADD_MEMBERSHIP = 35;
        internal const int IP_PMTUDISC_DONT = 0;

        // <linux/in6.h>
        internal const int IPV6_CHECKSUM = 7;
        internal const int IPV6_UNICAST_HOPS = 16;
        internal const int IPV6_MULTICAST_IF = 17;
        internal const int IPV6_MULTICAST_HOPS = 18;
        internal const int IPV6_MULTICAST_LOOP = 19;
        internal const int IPV6_ADD_MEMBERSHIP = 20;
        internal const int IPV6_RECVPKTINFO = 49;
        internal const int IPV6_PKTINFO = 50;
        internal const int IPV6_RECVHOPLIMIT = 51;
        internal const int IPV6_HOPLIMIT = 52;
        internal const int IPV6_TCLASS = 67;
        internal const int IPV6_AUTOFLOWLABEL = 70;
        internal const int IPV6_FREEBIND = 78;

        // <linux/icmpv6.h>
        internal const int ICMPV6_FILTER = 1;

        // <linux/netlink.h>
        internal const int SOL_NETLINK = 270;
        internal const int NETLINK_EXT_ACK = 11;

        [LibraryImport(Libraries.Libc, EntryPoint = "setsockopt", SetLastError = true)]
        internal static unsafe partial int SetSockOpt(SafeFileDescriptor socket, int level, int optionName, void* optionValue, uint optionLength);

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct ip_mreqn
        {
            internal fixed byte imr_multiaddr[4];
            internal fixed byte imr_address[4];
            internal int imr_ifindex;
        }

        /// <summary>Linux semantics: a set bit blocks that ICMPv6 type (ICMP6_FILTER_SETBLOCKALL sets all).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct icmp6_filter
        {
            internal fixed uint icmp6_filt[8];
        }

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct ipv6_mreq
        {
            internal fixed byte ipv6mr_multiaddr[16];
            internal int ipv6mr_interface;
        }
    }
}
