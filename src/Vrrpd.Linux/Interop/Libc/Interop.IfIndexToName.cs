using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int IF_NAMESIZE = 16;

        /// <summary>if_indextoname(3): null when no interface has that index in the calling thread's namespace.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "if_indextoname", SetLastError = true)]
        internal static unsafe partial byte* IfIndexToName(uint index, byte* name);

        internal static unsafe string? IfIndexToName(int index)
        {
            byte* name = stackalloc byte[IF_NAMESIZE];
            return IfIndexToName((uint)index, name) == null ? null : Marshal.PtrToStringUTF8((nint)name);
        }
    }
}
