using Vrrpd.Configuration;
using Vrrpd.Linux;
using Vrrpd.Linux.Scheduling;
using Vrrpd.Logging;

namespace Vrrpd.Daemon;

/// <summary>
/// keepalived's scheduling knobs, against "thread timer expired" false failovers on a busy host:
/// <c>vrrp_priority</c> renices the whole daemon at start; <c>vrrp_rt_priority</c> puts the thread that runs
/// VRRP (the event loop: state machines, their timers and sockets) under SCHED_RR, applied by the thread to itself
/// as it starts: it only wakes, reads or sends a datagram, decides, and sleeps again. Trackers, HTTP probes and the
/// effects worker (netlink, notify scripts) stay at normal priority. A refusal (no CAP_SYS_NICE, a container's limits) is logged and
/// the daemon runs on at normal priority: scheduling is a margin, not a precondition.
/// </summary>
internal sealed class VrrpScheduling(GlobalDefinitions global, Log log)
{
    private int _realtimeRefusals;

    /// <summary>Nice value and RLIMIT_RTTIME, before the daemon starts its threads (which inherit the nice value).</summary>
    public void ApplyToProcess()
    {
        if (global.Nice is { } nice)
        {
            try
            {
                ThreadScheduling.SetProcessNice(nice);
                log.Info($"vrrp_priority: nice {nice}");
            }
            catch (NativeCallException e)
            {
                log.Warning($"vrrp_priority {nice} not applied: {e.Message}");
            }
        }
        if (global.RealtimeLimitMicroseconds is { } limit)
        {
            try
            {
                ThreadScheduling.LimitRealtimeCpu(limit);
            }
            catch (NativeCallException e)
            {
                log.Warning($"vrrp_rlimit_rttime {limit} not applied: {e.Message}");
            }
        }
    }

    /// <summary>Called first on every VRRP thread: SCHED_RR when <c>vrrp_rt_priority</c> is set.</summary>
    public void ApplyToVrrpThread()
    {
        if (global.RealtimePriority is not { } priority) return;
        var name = Thread.CurrentThread.Name ?? "?";
        try
        {
            ThreadScheduling.SetCurrentThreadRealtime(priority);
            log.Debug($"vrrp_rt_priority: thread {name} runs SCHED_RR {priority}");
        }
        catch (NativeCallException e)
        {
            // Once is enough: every VRRP thread meets the same refusal.
            if (Interlocked.Increment(ref _realtimeRefusals) == 1)
                log.Warning($"vrrp_rt_priority {priority} not applied (thread {name}): {e.Message}; running at normal priority");
        }
    }
}
