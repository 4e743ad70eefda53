using System.Collections.Concurrent;
using System.Diagnostics;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>
/// The one thread that makes NVML poll calls, so a call that hangs in the driver (a GSP RPC timeout blocks 45 s,
/// docs/design/gpu-health.md §7) blocks only this thread: the caller waits with a watchdog and reads which call is stuck.
/// While a call is still outstanding, no new poll is queued behind it (<see cref="Busy"/>).
/// </summary>
internal sealed class NvmlWorker : IDisposable
{
    private readonly BlockingCollection<Action> _work = new(boundedCapacity: 1);
    private readonly Thread _thread;
    private volatile string? _currentCall;
    private long _callStarted;
    private int _busy;

    public NvmlWorker(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>A poll is running (or stuck) on the worker.</summary>
    public bool Busy => Volatile.Read(ref _busy) != 0;

    /// <summary>The NVML function the worker is in now, e.g. "nvmlDeviceGetMemoryInfo".</summary>
    public string? CurrentCall => _currentCall;

    /// <summary>How long the current call has been outstanding.</summary>
    public TimeSpan CurrentCallElapsed => Stopwatch.GetElapsedTime(Interlocked.Read(ref _callStarted));

    /// <summary>Called by the work just before each NVML call, for the watchdog's reason.</summary>
    public void Enter(string call)
    {
        Interlocked.Exchange(ref _callStarted, Stopwatch.GetTimestamp());
        _currentCall = call;
    }

    /// <summary>Queues <paramref name="work"/>; the caller must check <see cref="Busy"/> first.</summary>
    public Task<T> Run<T>(Func<T> work)
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
            throw new InvalidOperationException("NVML worker is busy");
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
            finally
            {
                _currentCall = null;
                Volatile.Write(ref _busy, 0);
            }
        });
        return completion.Task;
    }

    private void Run()
    {
        foreach (var work in _work.GetConsumingEnumerable())
            work();
    }

    /// <summary>Stops taking work; a call stuck in the driver keeps its (background) thread until it returns.</summary>
    public void Dispose() => _work.CompleteAdding();
}
