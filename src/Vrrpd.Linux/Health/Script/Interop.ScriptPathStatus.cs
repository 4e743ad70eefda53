using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int AT_FDCWD = -100;
        internal const int AT_SYMLINK_NOFOLLOW = 0x100;
        internal const uint STATX_TYPE = 0x1;
        internal const uint STATX_MODE = 0x2;
        internal const uint STATX_UID = 0x8;
        internal const uint STATX_GID = 0x10;

        /// <summary>struct statx (linux/stat.h), 256 bytes; only the fields up to stx_mode are read.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct statx_t
        {
            public uint stx_mask;
            public uint stx_blksize;
            public ulong stx_attributes;
            public uint stx_nlink;
            public uint stx_uid;
            public uint stx_gid;
            public ushort stx_mode;
            public ushort __spare0;
            public fixed ulong __rest[29];
        }

        /// <summary>statx(2): owner, group and mode of a path (with AT_SYMLINK_NOFOLLOW: of a link itself).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int statx(int dirfd, string pathname, int flags, uint mask, out statx_t statxbuf);

        /// <summary>realpath(3) with a NULL buffer: a malloc'd path the caller frees.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial nint realpath(string path, nint resolved);

        [LibraryImport(Libraries.Libc, EntryPoint = "free")]
        internal static partial void free(nint pointer);

        [LibraryImport(Libraries.Libc, EntryPoint = "geteuid")]
        internal static partial uint geteuid();

        [LibraryImport(Libraries.Libc, EntryPoint = "getegid")]
        internal static partial uint getegid();
    }
}
