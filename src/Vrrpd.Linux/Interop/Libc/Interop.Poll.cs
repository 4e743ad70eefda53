using Vrrpd.Linux;

// Struct names kept as in the C headers (docs/design/code-conventions.md §1).
#pragma warning disable CS8981
using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const short POLLIN = 0x001;

        [StructLayout(LayoutKind.Sequential)]
        internal struct pollfd
        {
            internal int fd;
            internal short events;
            internal short revents;
        }

        /// <summary>poll(2) on raw fds; callers keep the owning SafeHandles referenced for the duration.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "poll", SetLastError = true)]
        internal static unsafe partial int Poll(pollfd* fds, nuint count, int timeoutMilliseconds);
    }
}
