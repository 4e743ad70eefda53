using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Vrrpd.Daemon;

/// <summary>
/// The pid file, held with an exclusive flock for the daemon's life: a second `vrrpd run` on the same file is
/// refused before it opens a socket or touches an address. Reading a pid back and asking /proc is a race (two
/// starts both see no live pid) and is fooled by a reused pid; the lock is released by the kernel when the holder
/// dies, so a stale file from a killed daemon never blocks a restart (docs/design/single-owner.md §2).
/// </summary>
internal sealed class PidFile : IDisposable
{
    private readonly string _path;
    private readonly SafeFileHandle _handle;

    private PidFile(string path, SafeFileHandle handle)
    {
        _path = path;
        _handle = handle;
    }

    /// <summary>Takes the lock and writes this process's pid. Returns null when another process holds the lock;
    /// <paramref name="holder"/> is then the pid written in the file, when it can be read.</summary>
    /// <exception cref="IOException">The file cannot be created or opened (directory missing and not creatable,
    /// permissions).</exception>
    public static PidFile? TryAcquire(string path, out int? holder)
    {
        holder = null;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        int fd = Interop.Libc.open(path, Interop.Libc.O_RDWR | Interop.Libc.O_CREAT | Interop.Libc.O_CLOEXEC | Interop.Libc.O_NOFOLLOW, 0b110_100_100);
        if (fd < 0)
            throw new IOException(Marshal.GetLastPInvokeErrorMessage());
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (Interop.Libc.flock(handle, Interop.Libc.LOCK_EX | Interop.Libc.LOCK_NB) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            string message = Marshal.GetLastPInvokeErrorMessage();
            holder = ReadPid(handle);
            handle.Dispose();
            if (errno == Interop.Libc.EWOULDBLOCK) return null;
            throw new IOException($"flock: {message}");
        }

        var text = Encoding.ASCII.GetBytes(Environment.ProcessId + "\n");
        if (Interop.Libc.ftruncate(handle, 0) != 0)
        {
            string message = Marshal.GetLastPInvokeErrorMessage();
            handle.Dispose();
            throw new IOException(message);
        }
        RandomAccess.Write(handle, text, 0);
        return new PidFile(path, handle);
    }

    private static int? ReadPid(SafeFileHandle handle)
    {
        Span<byte> buffer = stackalloc byte[32];
        try
        {
            int read = RandomAccess.Read(handle, buffer, 0);
            return int.TryParse(Encoding.ASCII.GetString(buffer[..read]).Trim(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Removes the file while the lock is still held (so no other daemon's fresh file is removed), then
    /// releases the lock.</summary>
    public void Dispose()
    {
        try { File.Delete(_path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _handle.Dispose();
    }
}
