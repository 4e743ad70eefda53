using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using Vrrpd.Configuration;
using Vrrpd.Logging;

namespace Vrrpd.Daemon.Notify;

/// <summary>
/// keepalived's <c>notify_fifo</c> / <c>vrrp_notify_fifo</c>: state changes as lines (<c>INSTANCE "VI_1" MASTER 150</c>,
/// <c>GROUP "G1" BACKUP 0</c>) in the order they happened, written by one thread of its own. The daemon only
/// enqueues into a bounded queue and never waits: opening a FIFO blocks until a reader opens it, and a write blocks
/// while the reader is slow, which may only stall this thread. When the queue is full (no reader, or a stuck one)
/// lines are dropped and the drop is logged. The FIFO is created (mode 0600) when missing; a configured
/// <c>notify_fifo_script</c> is started with the FIFO's path as its last argument (keepalived does the same), and
/// stopped with the daemon.
/// </summary>
internal sealed class NotifyFifo : IDisposable
{
    private const int Capacity = 1024;

    private readonly NotifyFifoConfig _config;
    private readonly Log _log;
    private readonly Channel<string> _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private readonly Thread _writer;
    private long _dropped;
    private Process? _script;

    public NotifyFifo(NotifyFifoConfig config, Log log)
    {
        _config = config;
        _log = log;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = $"{config.Keyword} writer" };
    }

    public void Start()
    {
        if (!File.Exists(_config.Path) && Interop.Libc.mkfifo(_config.Path, 0b110_000_000) != 0)
            _log.Error($"{_config.Keyword} {_config.Path}: mkfifo failed: {Marshal.GetLastPInvokeErrorMessage()}");
        _writer.Start();
        if (_config.Script is { } script) _script = StartScript(script);
    }

    /// <summary>Queues one line; never blocks. A full queue drops the line (logged once per run of drops).</summary>
    public void Write(string line)
    {
        if (_queue.Writer.TryWrite(line))
        {
            var dropped = Interlocked.Exchange(ref _dropped, 0);
            if (dropped > 0) _log.Warning($"{_config.Keyword} {_config.Path}: {dropped} line(s) were dropped while no reader kept up");
            return;
        }
        if (Interlocked.Increment(ref _dropped) == 1)
            _log.Warning($"{_config.Keyword} {_config.Path}: queue full ({Capacity} lines; no reader?); dropping lines");
    }

    private void WriteLoop()
    {
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            FileStream? fifo = null;
            try
            {
                // Blocks until a reader opens the FIFO: only this thread waits.
                fifo = new FileStream(_config.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
                while (reader.TryRead(out var line) || reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult() && reader.TryRead(out line))
                {
                    fifo.Write(Encoding.UTF8.GetBytes(line + "\n"));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // EPIPE: the reader went away; the line being written is lost, the next one waits for a new reader.
                _log.Warning($"{_config.Keyword} {_config.Path}: {ErrorText.Of(e)}; reopening");
                Thread.Sleep(TimeSpan.FromMilliseconds(100));
            }
            finally
            {
                try { fifo?.Dispose(); } catch (IOException) { }
            }
        }
    }

    private Process? StartScript(CommandLine script)
    {
        try
        {
            // As the account the configuration names, like every script (Vrrpd.Linux.Health.ScriptStartInfo).
            return Process.Start(Linux.Health.ScriptStartInfo.Create(script, [_config.Path]));
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or ArgumentException)
        {
            _log.Error($"{_config.Keyword}_script {script.Argv[0]} could not start: {ErrorText.Of(e)}");
            return null;
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        // Let the last lines (STOP on shutdown) reach a reader; a writer blocked on a FIFO nobody opened is left behind.
        if (_writer.IsAlive) _writer.Join(TimeSpan.FromMilliseconds(500));
        if (_script is { HasExited: false } script)
        {
            try { script.Kill(); } catch (InvalidOperationException) { }
        }
        _script?.Dispose();
    }
}
