using Vrrpd.Linux;

// Struct names kept as in the C headers (docs/design/code-conventions.md §1).
#pragma warning disable CS8981
using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct iovec
        {
            internal void* iov_base;
            internal nuint iov_len;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct msghdr
        {
            internal void* msg_name;
            internal uint msg_namelen;
            internal iovec* msg_iov;
            internal nuint msg_iovlen;
            internal void* msg_control;
            internal nuint msg_controllen;
            internal int msg_flags;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct cmsghdr
        {
            internal nuint cmsg_len;
            internal int cmsg_level;
            internal int cmsg_type;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct in_pktinfo
        {
            internal int ipi_ifindex;
            internal fixed byte ipi_spec_dst[4];
            internal fixed byte ipi_addr[4];
        }

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct in6_pktinfo
        {
            internal fixed byte ipi6_addr[16];
            internal int ipi6_ifindex;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "sendmsg", SetLastError = true)]
        internal static unsafe partial nint SendMsg(SafeFileDescriptor socket, msghdr* message, int flags);

        [LibraryImport(Libraries.Libc, EntryPoint = "sendto", SetLastError = true)]
        internal static unsafe partial nint SendTo(SafeFileDescriptor socket, void* buffer, nuint length, int flags, void* address, uint addressLength);
    }
}
