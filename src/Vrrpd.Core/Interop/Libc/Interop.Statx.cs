using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int AT_FDCWD = -100;
        internal const int AT_EMPTY_PATH = 0x1000;
        internal const uint STATX_TYPE = 0x1;
        internal const uint STATX_SIZE = 0x200;

        internal const int S_IFMT = 0xF000;
        internal const int S_IFSOCK = 0xC000;
        internal const int S_IFLNK = 0xA000;
        internal const int S_IFREG = 0x8000;
        internal const int S_IFBLK = 0x6000;
        internal const int S_IFDIR = 0x4000;
        internal const int S_IFCHR = 0x2000;
        internal const int S_IFIFO = 0x1000;

        /// <summary>struct statx (linux/stat.h), 256 bytes; only the fields up to stx_size are read.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct Statx
        {
            public uint stx_mask;
            public uint stx_blksize;
            public ulong stx_attributes;
            public uint stx_nlink;
            public uint stx_uid;
            public uint stx_gid;
            public ushort stx_mode;
            public ushort __spare0;
            public ulong stx_ino;
            public ulong stx_size;
            public fixed ulong __rest[26];
        }

        /// <summary>statx(2): a file's type and size without opening it (glibc 2.28, Linux 4.11).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int statx(int dirfd, string pathname, int flags, uint mask, out Statx statxbuf);

        /// <summary>statx(2) of an open descriptor (AT_EMPTY_PATH with an empty path).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int statx(Microsoft.Win32.SafeHandles.SafeFileHandle dirfd, string pathname, int flags, uint mask, out Statx statxbuf);
    }
}
