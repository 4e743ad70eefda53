using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int SIGHUP = 1;

        /// <summary>signal(2) with SIG_DFL (0): the signal's default disposition.</summary>
        [LibraryImport(Library, EntryPoint = "signal", SetLastError = true)]
        internal static partial nint signal(int signum, nint handler);
    }
}
