internal static partial class Interop
{
    /// <summary>Library names, in one place, as dotnet/runtime keeps them.</summary>
    internal static class Libraries
    {
        internal const string Libc = "libc";
    }
}
