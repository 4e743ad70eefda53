using System.Runtime.InteropServices;

namespace Vrrpd.Linux.Health;

/// <summary>
/// Tells, within microseconds, that one process has exited: a pidfd (pidfd_open(2)) becomes readable when it does,
/// and a thread blocked in poll(2) on it calls back once. The container tracker watches a container's main process
/// this way; the engine's event stream says the same about 100 ms later (docs/design/container-health.md §9).
/// </summary>
public sealed class ProcessExitWatch : IDisposable
{
    private readonly SafeFileDescriptor _pidfd;
    private readonly WakeableWait _wait = new();
    private readonly Action _exited;
    private readonly Thread _thread;
    private volatile bool _disposed;

    private ProcessExitWatch(int pid, SafeFileDescriptor pidfd, Action exited)
    {
        Pid = pid;
        _pidfd = pidfd;
        _exited = exited;
        _thread = new Thread(Run) { IsBackground = true, Name = $"pidfd-{pid}" };
        _thread.Start();
    }

    public int Pid { get; }

    /// <summary>
    /// Opens a pidfd for <paramref name="pid"/> and starts watching. <paramref name="belongs"/> is asked after the
    /// pidfd is open, so a pid reused between the caller's lookup and the open is caught (the pidfd then names the
    /// new process, which the check rejects). Null with <paramref name="whyNot"/> when it cannot be watched.
    /// </summary>
    public static ProcessExitWatch? TryStart(int pid, Func<int, bool> belongs, Action exited, out string? whyNot)
    {
        whyNot = null;
        if (pid <= 0)
        {
            whyNot = $"no process id ({pid})";
            return null;
        }
        int fd = Interop.Libc.PidfdOpen(pid, 0);
        if (fd < 0)
        {
            whyNot = $"pidfd_open({pid}): {Marshal.GetLastPInvokeErrorMessage()}";
            return null;
        }
        var pidfd = new SafeFileDescriptor(fd);
        if (!belongs(pid))
        {
            pidfd.Dispose();
            whyNot = $"process {pid} is not the one expected (another pid namespace, or the pid was reused)";
            return null;
        }
        return new ProcessExitWatch(pid, pidfd, exited);
    }

    private void Run()
    {
        while (!_disposed)
        {
            bool readable;
            try
            {
                readable = _wait.WaitReadable(_pidfd);
            }
            catch (NativeCallException)
            {
                return;   // the engine's events and the polls still report the container
            }
            if (readable && !_disposed)
            {
                _exited();
                return;
            }
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _wait.Wake();
        if (Thread.CurrentThread != _thread) _thread.Join(TimeSpan.FromSeconds(1));
        _pidfd.Dispose();
        _wait.Dispose();
    }
}
