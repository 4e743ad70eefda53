using System.Runtime.InteropServices;

/// <summary>libc calls the control socket needs and .NET does not offer: a group's id by name, and chown.</summary>
internal static partial class Interop
{
    internal static partial class Libc
    {
        private const string Library = "libc";

        /// <summary>getgrnam(3): a pointer to libc's static <c>struct group</c>, or 0 when no such group.</summary>
        [LibraryImport(Library, EntryPoint = "getgrnam", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial nint getgrnam(string name);

        /// <summary>chown(2); -1 (as uint) leaves that id unchanged.</summary>
        [LibraryImport(Library, EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int chown(string path, uint owner, uint group);

        /// <summary>
        /// The gid of a group (NSS included, so LDAP groups work), or null. <c>struct group</c> is
        /// { char *gr_name; char *gr_passwd; gid_t gr_gid; char **gr_mem; }: gr_gid follows two pointers.
        /// </summary>
        internal static uint? GroupId(string name)
        {
            var group = getgrnam(name);
            return group == 0 ? null : (uint)Marshal.ReadInt32(group, 2 * IntPtr.Size);
        }
    }
}
