using Vrrpd.Linux;
using System.Runtime.InteropServices;

#pragma warning disable CS8981 // the kernel's struct names, as in the man pages

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int CLOCK_MONOTONIC = 1;
        internal const int TFD_CLOEXEC = 0x80000;
        internal const int TFD_TIMER_ABSTIME = 1;
        internal const int TFD_NONBLOCK = 0x800;

        [StructLayout(LayoutKind.Sequential)]
        internal struct itimerspec
        {
            public timespec it_interval;
            public timespec it_value;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "timerfd_create", SetLastError = true)]
        internal static partial int TimerFdCreate(int clockId, int flags);

        [LibraryImport(Libraries.Libc, EntryPoint = "timerfd_settime", SetLastError = true)]
        internal static unsafe partial int TimerFdSetTime(SafeFileDescriptor fd, int flags, itimerspec* newValue, itimerspec* oldValue);
    }
}
