using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int SIGKILL = 9;
        internal const int SIGTERM = 15;

        /// <summary>kill(2). A negative pid signals the whole process group -pid.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "kill", SetLastError = true)]
        internal static partial int Kill(int pid, int signal);
    }
}
