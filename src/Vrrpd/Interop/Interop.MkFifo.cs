using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>mkfifo(3): creates a named pipe; EEXIST when the path exists.</summary>
        [LibraryImport(Library, EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int mkfifo(string path, uint mode);
    }
}
