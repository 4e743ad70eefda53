using Vrrpd.Linux.Timing;

namespace Vrrpd.Logging;

/// <summary>
/// Writes log lines on their own thread, in order. Bounded: while <see cref="MaxPending"/> lines wait, more are
/// dropped and counted, and the count is written once the writer catches up, so a stalled stderr costs lines, never
/// memory or a blocked event loop.
/// </summary>
internal sealed class BackgroundLogWriter
{
    private const int MaxPending = 10_000;

    private readonly OrderedWorker _worker = new("vrrp-log");
    private int _pending;
    private long _dropped;

    public void Write(TextWriter writer, string line)
    {
        if (Interlocked.Increment(ref _pending) > MaxPending)
        {
            Interlocked.Decrement(ref _pending);
            Interlocked.Increment(ref _dropped);
            return;
        }
        _worker.Enqueue(() =>
        {
            var dropped = Interlocked.Exchange(ref _dropped, 0);
            if (dropped > 0) writer.WriteLine($"{line[..24]} warn  vrrpd log: {dropped} line(s) dropped while stderr was not keeping up");
            writer.WriteLine(line);
            Interlocked.Decrement(ref _pending);
        });
    }

    public void Flush() => _worker.WaitForQueued(TimeSpan.FromSeconds(2));
}
