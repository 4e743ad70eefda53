using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>setns(2) nstype: a network namespace.</summary>
        internal const int CLONE_NEWNET = 0x40000000;

        /// <summary>setns(2): moves the calling thread (only it) into the namespace <paramref name="fd"/> refers to;
        /// needs CAP_SYS_ADMIN. A socket stays in the namespace it was created in.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "setns", SetLastError = true)]
        internal static partial int SetNs(int fd, int nsType);
    }
}
