using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>pidfd_open(2) (Linux 5.3, glibc 2.36): an fd that becomes readable when the process exits. It
        /// refers to that process, never to a later one that reuses the pid.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "pidfd_open", SetLastError = true)]
        internal static partial int PidfdOpen(int pid, uint flags);
    }
}
