using Vrrpd.Linux;
using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // Socket address structs as the kernel ABI lays them out (host-endian except the fields noted).

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct sockaddr_in
        {
            internal ushort sin_family;
            internal ushort sin_port;      // network order
            internal fixed byte sin_addr[4];
            internal fixed byte sin_zero[8];
        }

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct sockaddr_in6
        {
            internal ushort sin6_family;
            internal ushort sin6_port;     // network order
            internal uint sin6_flowinfo;
            internal fixed byte sin6_addr[16];
            internal uint sin6_scope_id;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct sockaddr_ll
        {
            internal ushort sll_family;
            internal ushort sll_protocol;  // network order
            internal int sll_ifindex;
            internal ushort sll_hatype;
            internal byte sll_pkttype;
            internal byte sll_halen;
            internal fixed byte sll_addr[8];
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct sockaddr_nl
        {
            internal ushort nl_family;
            internal ushort nl_pad;
            internal uint nl_pid;
            internal uint nl_groups;
        }
    }
}
