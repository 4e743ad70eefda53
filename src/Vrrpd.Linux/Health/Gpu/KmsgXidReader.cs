using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>
/// The second Xid source (docs/design/gpu-health.md §8): reads the kernel log (/dev/kmsg, or a test's file) from the end
/// (only new records: history is drained at start) and hands every NVRM Xid or "fallen off the bus" line to
/// <c>onLine</c>. Catches what NVML events miss: Xids when NVML itself is stuck (119, 120), or a driver that
/// cannot register events. Needs CAP_SYSLOG when kernel.dmesg_restrict=1; an unreadable log is logged once.
/// </summary>
internal sealed class KmsgXidReader(string path, Action<KmsgXidLine> onLine, Action<string> log) : IDisposable
{
    private const int EPIPE = 32;

    private readonly ManualResetEventSlim _stop = new();
    private readonly StringBuilder _partial = new();
    private WakeableWait? _wait;
    private SafeFileDescriptor? _fd;
    private Thread? _thread;

    /// <summary>Opens the log and skips its history before returning, so a line written after Start is seen.</summary>
    public void Start()
    {
        try
        {
            SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            int fd = (int)handle.DangerousGetHandle();
            handle.SetHandleAsInvalid(); // ownership moves to the SafeFileDescriptor
            _fd = new SafeFileDescriptor(fd);
            _wait = new WakeableWait();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log($"kernel log {path} unreadable ({e.Message}): Xids come from NVML events only");
            return;
        }
        var buffer = new byte[8192];
        while (_wait.WaitReadable(_fd, 0) && Read(buffer) > 0) { }
        _thread = new Thread(() => Run(buffer)) { IsBackground = true, Name = "kmsg-xid" };
        _thread.Start();
    }

    private void Run(byte[] buffer)
    {
        while (!_stop.IsSet)
        {
            if (!_wait!.WaitReadable(_fd!, 500))
                continue;
            int length = Read(buffer);
            if (length > 0)
                Consume(buffer.AsSpan(0, length));
            else if (length == 0)
                _stop.Wait(20); // a regular file at its end: poll(2) says readable, read(2) says 0
            else if (length != -EPIPE && length != -Errno.EAGAIN)
            {
                log($"kernel log {path}: read failed ({Errno.Describe(-length)}); kernel-log Xid source stopped");
                return;
            }
        }
    }

    /// <summary>Bytes read, 0 at end of file, or -errno (EPIPE: records were overwritten, reading resumes).</summary>
    private unsafe int Read(byte[] buffer)
    {
        fixed (byte* p = buffer)
        {
            nint n = Interop.Libc.Read(_fd!, p, (nuint)buffer.Length);
            return n < 0 ? -Marshal.GetLastPInvokeError() : (int)n;
        }
    }

    /// <summary>One kmsg record per read, or any chunk of a regular file: split on newlines, keep the tail.</summary>
    private void Consume(ReadOnlySpan<byte> bytes)
    {
        _partial.Append(Encoding.UTF8.GetString(bytes));
        string text = _partial.ToString();
        int end = text.LastIndexOf('\n');
        if (end < 0)
            return;
        _partial.Clear().Append(text.AsSpan(end + 1));
        foreach (string record in text[..end].Split('\n'))
        {
            // Continuation lines (" KEY=VALUE") carry no message.
            if (record.Length > 0 && record[0] != ' ' && KmsgXidLine.TryParse(record, out var line))
                onLine(line);
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _wait?.Wake();
        if (_thread is null || _thread.Join(TimeSpan.FromSeconds(2)))
        {
            _wait?.Dispose();
            _fd?.Dispose();
        }
    }
}
