using System.Globalization;
using System.Runtime.InteropServices;

namespace Vrrpd.Linux.Scheduling;

/// <summary>
/// keepalived's <c>vrrp_priority</c>, <c>vrrp_rt_priority</c> and <c>vrrp_rlimit_rttime</c> on Linux. The kernel
/// schedules threads, not processes: a nice value or a realtime policy belongs to one thread, and a new thread
/// inherits its creator's.
/// </summary>
public static class ThreadScheduling
{
    /// <summary>Sets the nice value of every thread the process has now; threads they start inherit it.
    /// Throws <see cref="NativeCallException"/> when refused (raising priority needs CAP_SYS_NICE).</summary>
    public static void SetProcessNice(int nice)
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (!uint.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid)) continue;
            if (Interop.Libc.SetPriority(Interop.Libc.PRIO_PROCESS, tid, nice) == 0) continue;
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Errno.ESRCH) continue;   // the thread ended meanwhile
            throw new NativeCallException(errno, $"setpriority(thread {tid}, {nice})", null);
        }
    }

    /// <summary>SCHED_RR at <paramref name="priority"/> (1..99) for the calling thread. With SCHED_RESET_ON_FORK:
    /// a thread it starts (the thread pool grows from whichever thread queues work) runs at normal priority.</summary>
    public static unsafe void SetCurrentThreadRealtime(int priority)
    {
        var param = new Interop.Libc.sched_param { sched_priority = priority };
        if (Interop.Libc.SchedSetScheduler(0, Interop.Libc.SCHED_RR | Interop.Libc.SCHED_RESET_ON_FORK, &param) != 0)
            throw NativeCallException.FromLastError($"sched_setscheduler(SCHED_RR, {priority})", null);
    }

    /// <summary>RLIMIT_RTTIME: a realtime thread that runs this long without blocking gets SIGXCPU.</summary>
    public static unsafe void LimitRealtimeCpu(long microseconds)
    {
        var limit = new Interop.Libc.rlimit { rlim_cur = (ulong)microseconds, rlim_max = (ulong)microseconds };
        if (Interop.Libc.SetRLimit(Interop.Libc.RLIMIT_RTTIME, &limit) != 0)
            throw NativeCallException.FromLastError($"setrlimit(RLIMIT_RTTIME, {microseconds})", null);
    }

    /// <summary>
    /// Names the calling thread for the kernel (ps -L, top -H, /proc/PID/task/TID/comm), cut to its 15 bytes. The
    /// JIT runtime passes Thread.Name on; the native AOT one does not, so the VRRP threads name themselves.
    /// </summary>
    public static unsafe void NameCurrentThread(string name)
    {
        Span<byte> comm = stackalloc byte[16];
        var length = System.Text.Encoding.ASCII.GetBytes(name.AsSpan(0, Math.Min(name.Length, 15)), comm);
        comm[length] = 0;
        fixed (byte* pointer = comm)
            Interop.Libc.PrctlSetName(Interop.Libc.PR_SET_NAME, pointer);   // best effort: a name is cosmetic
    }

    /// <summary>The calling thread's kernel id (for /proc/self/task/TID).</summary>
    public static int CurrentThreadId() => Interop.Libc.GetTid();
}
