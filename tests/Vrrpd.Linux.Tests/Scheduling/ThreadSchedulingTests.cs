using System.Globalization;
using Vrrpd.Linux.Scheduling;
using Vrrpd.Linux.Tests.Namespaces;

namespace Vrrpd.Linux.Tests.Scheduling;

/// <summary>vrrp_rt_priority's system calls on threads of this test process (each test's threads end with it).</summary>
public sealed class ThreadSchedulingTests
{
    private const int SchedOther = 0, SchedRr = 2;

    [RootFact]
    public void Realtime_PutsTheCallingThreadUnderSchedRr_AndAThreadItStartsRunsNormally()
    {
        (int Policy, int Priority) self = default, child = default;
        var thread = new Thread(() =>
        {
            ThreadScheduling.SetCurrentThreadRealtime(20);
            self = Scheduling(ThreadScheduling.CurrentThreadId());
            var started = new Thread(() => child = Scheduling(ThreadScheduling.CurrentThreadId()));
            started.Start();
            started.Join();
        });
        thread.Start();
        thread.Join();

        Assert.Equal((SchedRr, 20), self);
        Assert.Equal((SchedOther, 0), child);   // SCHED_RESET_ON_FORK
    }

    [RootFact]
    public void Realtime_OutOfRange_IsRefusedWithTheCallNamed()
    {
        NativeCallException? error = null;
        var thread = new Thread(() => error = Record.Exception(() => ThreadScheduling.SetCurrentThreadRealtime(100)) as NativeCallException);
        thread.Start();
        thread.Join();

        Assert.NotNull(error);
        Assert.Contains("sched_setscheduler(SCHED_RR, 100)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>/proc/thread-self is per thread; fields after comm: rt_priority is 40, policy 41 (proc(5)).</summary>
    private static (int Policy, int Priority) Scheduling(int tid)
    {
        var stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[41 - 3], CultureInfo.InvariantCulture), int.Parse(fields[40 - 3], CultureInfo.InvariantCulture));
    }
}
