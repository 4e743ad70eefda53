using Vrrpd.Linux;
using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int MSG_DONTWAIT = 0x40;
        internal const int MSG_TRUNC = 0x20;
        internal const int MSG_CTRUNC = 0x08;

        [LibraryImport(Libraries.Libc, EntryPoint = "recvmsg", SetLastError = true)]
        internal static unsafe partial nint RecvMsg(SafeFileDescriptor socket, msghdr* message, int flags);

        [LibraryImport(Libraries.Libc, EntryPoint = "recv", SetLastError = true)]
        internal static unsafe partial nint Recv(SafeFileDescriptor socket, void* buffer, nuint length, int flags);
    }
}
