using System.Runtime.InteropServices;

#pragma warning disable CS8981 // the kernel's struct names, as in the man pages

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int PRIO_PROCESS = 0;
        internal const int SCHED_RR = 2;
        internal const int SCHED_RESET_ON_FORK = 0x40000000;
        internal const int RLIMIT_RTTIME = 15;

        [StructLayout(LayoutKind.Sequential)]
        internal struct sched_param
        {
            public int sched_priority;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct rlimit
        {
            public ulong rlim_cur;
            public ulong rlim_max;
        }

        internal const int PR_SET_NAME = 15;

        /// <summary>prctl(PR_SET_NAME, name): the calling thread's name in /proc/PID/task/TID/comm (15 bytes).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "prctl", SetLastError = true)]
        internal static unsafe partial int PrctlSetName(int option, byte* name, nuint unused3 = 0, nuint unused4 = 0, nuint unused5 = 0);

        [LibraryImport(Libraries.Libc, EntryPoint = "gettid")]
        internal static partial int GetTid();

        /// <summary>With PRIO_PROCESS and a thread id, Linux sets that one thread's nice value.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "setpriority", SetLastError = true)]
        internal static partial int SetPriority(int which, uint who, int priority);

        /// <summary>pid 0: the calling thread.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "sched_setscheduler", SetLastError = true)]
        internal static unsafe partial int SchedSetScheduler(int pid, int policy, sched_param* param);

        [LibraryImport(Libraries.Libc, EntryPoint = "setrlimit", SetLastError = true)]
        internal static unsafe partial int SetRLimit(int resource, rlimit* limit);
    }
}
