using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int O_RDWR = 0x2;
        internal const int O_CREAT = 0x40;
        internal const int O_NOFOLLOW = 0x20000;
        internal const int O_CLOEXEC = 0x80000;

        internal const int LOCK_EX = 2;
        internal const int LOCK_NB = 4;
        internal const int EWOULDBLOCK = 11;

        /// <summary>open(2), for a file whose descriptor carries a flock: .NET's own FileStream takes (and tests) a
        /// flock of its own for FileShare, which would collide with ours, so this file is opened by hand.</summary>
        [LibraryImport(Library, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int open(string path, int flags, uint mode);

        /// <summary>flock(2): an advisory lock on an open file, held until the descriptor is closed, also when the
        /// process dies; that is what makes it a reliable "a daemon runs here" marker (a pid read back is not).</summary>
        [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
        internal static partial int flock(SafeFileHandle fd, int operation);

        [LibraryImport(Library, EntryPoint = "ftruncate", SetLastError = true)]
        internal static partial int ftruncate(SafeFileHandle fd, long length);
    }
}
