namespace Vrrpd.Linux.Health.Container;

/// <summary>
/// The running container's main process, watched from the kernel (docs/design/container-health.md §9): the pid the
/// engine reports is watched through a pidfd once it is known to be the container's (its cgroup names the
/// container's id); a new pid (the container restarted) replaces the watch; the process's exit reports at once.
/// </summary>
internal sealed class MainProcessWatch(string container, Action<string> exited) : IDisposable
{
    private readonly Lock _gate = new();
    private ProcessExitWatch? _watch;
    private int _unwatchablePid;   // a pid already found unwatchable: not tried again on every poll

    public int? Pid
    {
        get { lock (_gate) return _watch?.Pid; }
    }

    public void Watch(int pid, string containerId)
    {
        lock (_gate)
        {
            if (_watch?.Pid == pid || _unwatchablePid == pid) return;
            _watch?.Dispose();
            _watch = ProcessExitWatch.TryStart(pid, p => CgroupNames(p, containerId),
                () => exited($"container {container} main process (pid {pid}) exited"), out _);
            _unwatchablePid = _watch is null ? pid : 0;
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            _watch?.Dispose();
            _watch = null;
        }
    }

    public void Dispose() => Stop();

    /// <summary>Docker's and Podman's cgroup paths carry the full container id (docker-ID.scope, libpod-ID.scope,
    /// /docker/ID); a process of another pid namespace or a reused pid does not match.</summary>
    private static bool CgroupNames(int pid, string containerId)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cgroup").Contains(containerId, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
