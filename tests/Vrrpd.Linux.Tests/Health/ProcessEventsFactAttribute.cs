using Vrrpd.Linux.Tests.Namespaces;

namespace Vrrpd.Linux.Tests.Health;

/// <summary>
/// A fact that needs the kernel's process events connector: root (CAP_NET_ADMIN) in the initial pid namespace, the
/// only one cn_proc reports to (docs/design/process-tracking.md §5). Skips, saying why, anywhere else.
/// </summary>
public sealed class ProcessEventsFactAttribute : FactAttribute
{
    /// <summary>PROC_PID_INIT_INO: the inode of the initial pid namespace (include/linux/proc_ns.h).</summary>
    private const string InitialPidNamespace = "pid:[4026531836]";

    public ProcessEventsFactAttribute()
    {
        if (!TestInterop.IsRoot)
            Skip = "needs root: subscribes to the process events connector (CAP_NET_ADMIN)";
        else if (ReadPidNamespace() != InitialPidNamespace)
            Skip = "needs the initial pid namespace: the process events connector reports to no other";
    }

    private static string? ReadPidNamespace()
    {
        try
        {
            return new FileInfo("/proc/self/ns/pid").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
