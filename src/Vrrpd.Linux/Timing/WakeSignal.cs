using System.Runtime.InteropServices;

namespace Vrrpd.Linux.Timing;

/// <summary>
/// An eventfd that other threads ring to wake one consumer thread (the event loop, an ordered worker), lock-free:
/// only the first ring after the consumer reset it writes, so a burst of posts costs one write(2).
/// </summary>
internal sealed class WakeSignal : IDisposable
{
    private int _pending;   // 1 while a ring is written and not yet reset by the consumer

    /// <param name="blocking">True: <see cref="Drain"/> waits for a ring (a thread that only sleeps on this signal);
    /// false: it returns at once (a thread that polls several fds).</param>
    public WakeSignal(bool blocking)
    {
        int fd = Interop.Libc.EventFd(0, Interop.Libc.EFD_CLOEXEC | (blocking ? 0 : Interop.Libc.EFD_NONBLOCK));
        if (fd < 0) throw NativeCallException.FromLastError("eventfd", null);
        Descriptor = new SafeFileDescriptor(fd);
    }

    /// <summary>The eventfd, for poll(2).</summary>
    public SafeFileDescriptor Descriptor { get; }

    /// <summary>Wakes the consumer unless a wake is already on its way.</summary>
    public void Ring()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0) Write();
    }

    /// <summary>Wakes the consumer even if a wake is on its way (shutdown).</summary>
    public void RingAlways() => Write();

    /// <summary>The consumer is about to look for work: rings from now on write again. The consumer must look
    /// for work after this, or a ring skipped just before it would be lost.</summary>
    public void Reset() => Volatile.Write(ref _pending, 0);

    /// <summary>Consumes the counter; blocks until a ring when the signal is blocking. False: the fd is closed
    /// or broken.</summary>
    public unsafe bool Drain()
    {
        ulong counter;
        try
        {
            while (Interop.Libc.Read(Descriptor, &counter, sizeof(ulong)) < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EAGAIN) return true;
                if (errno != Errno.EINTR) return false;
            }
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private unsafe void Write()
    {
        ulong one = 1;
        try
        {
            Interop.Libc.Write(Descriptor, &one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose() => Descriptor.Dispose();
}
