namespace Vrrpd.Linux;

/// <summary>
/// Blocks in poll(2) on one fd until it is readable or until <see cref="Wake"/> is called (from Dispose or a
/// CancellationToken), through an eventfd. Closing an fd does not wake a thread blocked on it in Linux; this does.
/// </summary>
internal sealed class WakeableWait : IDisposable
{
    private readonly SafeFileDescriptor _eventFd;
    private volatile bool _disposed;

    public WakeableWait()
    {
        int fd = Interop.Libc.EventFd(0, Interop.Libc.EFD_CLOEXEC | Interop.Libc.EFD_NONBLOCK);
        if (fd < 0)
            throw NativeCallException.FromLastError("eventfd", null);
        _eventFd = new SafeFileDescriptor(fd);
    }

    /// <summary>
    /// True when <paramref name="fd"/> is readable; false when woken, timed out, or disposed. A wake is consumed
    /// here, so callers check their own stop condition (disposed, token cancelled) after a false and loop.
    /// </summary>
    public unsafe bool WaitReadable(SafeFileDescriptor fd, int timeoutMilliseconds = -1)
    {
        if (_disposed)
            return false;
        bool fdRef = false, eventRef = false;
        try
        {
            fd.DangerousAddRef(ref fdRef);
            _eventFd.DangerousAddRef(ref eventRef);
            var fds = stackalloc Interop.Libc.pollfd[2];
            fds[0] = new Interop.Libc.pollfd { fd = fd.Fd, events = Interop.Libc.POLLIN };
            fds[1] = new Interop.Libc.pollfd { fd = _eventFd.Fd, events = Interop.Libc.POLLIN };
            while (true)
            {
                int rc = Interop.Libc.Poll(fds, 2, timeoutMilliseconds);
                if (rc < 0)
                {
                    int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR)
                        continue;
                    throw new NativeCallException(errno, "poll", null);
                }
                if (fds[1].revents != 0 && !_disposed)
                    Drain();
                if (rc == 0 || fds[1].revents != 0 || _disposed)
                    return false;
                return fds[0].revents != 0;
            }
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (fdRef)
                fd.DangerousRelease();
            if (eventRef)
                _eventFd.DangerousRelease();
        }
    }

    private unsafe void Drain()
    {
        ulong value;
        Interop.Libc.Read(_eventFd, &value, sizeof(ulong)); // EAGAIN when another waiter drained it first: fine
    }

    /// <summary>Makes the current (or next) <see cref="WaitReadable"/> return false.</summary>
    public unsafe void Wake()
    {
        ulong one = 1;
        try
        {
            Interop.Libc.Write(_eventFd, &one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Wake();
        _eventFd.Dispose();
    }
}
