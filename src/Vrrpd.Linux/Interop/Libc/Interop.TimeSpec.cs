using System.Runtime.InteropServices;

#pragma warning disable CS8981 // the kernel's struct names, as in the man pages

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct timespec on 64-bit Linux (timerfd, SCM_TIMESTAMPNS).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct timespec
        {
            public long tv_sec;
            public long tv_nsec;
        }
    }
}
