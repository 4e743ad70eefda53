using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Vrrpd.Configuration;

/// <summary>The outcome of reading one configuration file: its text, or why there is none.</summary>
internal enum ConfigurationFileStatus
{
    Read,
    TooLarge,
    Failed,
}

/// <summary>
/// Reads one configuration file, bounded: only a regular file is opened (its type is looked up with statx before
/// anything opens it, so a FIFO cannot block, and a device or directory is refused), and no more than
/// <c>maxBytes</c> are read, even from a file that grows while it is read. The descriptor is opened with
/// O_NONBLOCK, so a file swapped for a FIFO between the check and the open still cannot block. See
/// docs/input-limits.md.
/// </summary>
internal static class ConfigurationFile
{
    private const int InitialBuffer = 16 * 1024;

    /// <param name="length">For <see cref="ConfigurationFileStatus.Read"/>: the bytes read.</param>
    /// <param name="error">For <see cref="ConfigurationFileStatus.Failed"/>: a sentence naming the path and the
    /// reason (errno text, never an exception's resource key).</param>
    public static ConfigurationFileStatus Read(string path, int maxBytes, out string text, out int length, out string error)
    {
        text = "";
        length = 0;
        error = "";
        if (Interop.Libc.statx(Interop.Libc.AT_FDCWD, path, 0, Interop.Libc.STATX_TYPE | Interop.Libc.STATX_SIZE, out var status) != 0)
        {
            error = $"cannot read '{path}': {Marshal.GetLastPInvokeErrorMessage()}";
            return ConfigurationFileStatus.Failed;
        }

        if (NotRegular(status.stx_mode) is { } kind)
        {
            error = $"'{path}' is {kind}, not a regular file; only regular files are read as configuration";
            return ConfigurationFileStatus.Failed;
        }

        if (status.stx_size > (ulong)maxBytes)
        {
            return ConfigurationFileStatus.TooLarge;
        }

        int fd = Interop.Libc.open(path, Interop.Libc.O_RDONLY | Interop.Libc.O_NONBLOCK | Interop.Libc.O_NOCTTY | Interop.Libc.O_CLOEXEC);
        if (fd < 0)
        {
            error = $"cannot open '{path}': {Marshal.GetLastPInvokeErrorMessage()}";
            return ConfigurationFileStatus.Failed;
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (Interop.Libc.statx(handle, "", Interop.Libc.AT_EMPTY_PATH, Interop.Libc.STATX_TYPE, out status) == 0 && NotRegular(status.stx_mode) is { } opened)
        {
            error = $"'{path}' is {opened}, not a regular file; only regular files are read as configuration";
            return ConfigurationFileStatus.Failed;
        }

        var bytes = new byte[Math.Min(maxBytes + 1, InitialBuffer)];
        while (true)
        {
            if (length == bytes.Length)
            {
                if (length > maxBytes)
                {
                    return ConfigurationFileStatus.TooLarge;
                }

                Array.Resize(ref bytes, (int)Math.Min((long)maxBytes + 1, 2L * bytes.Length));
            }

            nint n = ReadSome(handle, bytes.AsSpan(length));
            if (n < 0)
            {
                error = $"cannot read '{path}': {Marshal.GetLastPInvokeErrorMessage()}";
                return ConfigurationFileStatus.Failed;
            }

            if (n == 0)
            {
                break;
            }

            length += (int)n;
        }

        if (length > maxBytes)
        {
            return ConfigurationFileStatus.TooLarge;
        }

        // As File.ReadAllText: UTF-8 unless a byte order mark says otherwise.
        using var reader = new StreamReader(new MemoryStream(bytes, 0, length), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        text = reader.ReadToEnd();
        return ConfigurationFileStatus.Read;
    }

    private static unsafe nint ReadSome(SafeFileHandle handle, Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                nint n = Interop.Libc.read(handle, start, (nuint)buffer.Length);
                if (n >= 0 || Marshal.GetLastPInvokeError() != Interop.Libc.EINTR)
                {
                    return n;
                }
            }
        }
    }

    /// <summary>"a FIFO", "a character device"...; null for a regular file.</summary>
    private static string? NotRegular(ushort mode) => (mode & Interop.Libc.S_IFMT) switch
    {
        Interop.Libc.S_IFREG => null,
        Interop.Libc.S_IFDIR => "a directory",
        Interop.Libc.S_IFCHR => "a character device",
        Interop.Libc.S_IFBLK => "a block device",
        Interop.Libc.S_IFIFO => "a FIFO",
        Interop.Libc.S_IFSOCK => "a socket",
        Interop.Libc.S_IFLNK => "a symbolic link",
        _ => "of an unknown type",
    };
}
