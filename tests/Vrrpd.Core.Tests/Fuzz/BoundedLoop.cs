using System.Diagnostics;
using Xunit.Sdk;

namespace Vrrpd.Tests.Fuzz;

/// <summary>
/// Runs fuzz iterations on a worker thread while the calling thread watches the clock: an input that runs past
/// the per-input bound fails the test with its description (a hang cannot be interrupted in-process, but it is
/// reported instead of stalling CI). An exception from an iteration fails the test with the same description.
/// </summary>
internal sealed class BoundedLoop(string name, TimeSpan perInputBound)
{
    private readonly object _gate = new();
    private Func<string> _current = () => "";
    private long _startedAt;
    private bool _busy;

    /// <summary>The slowest input seen, for the fuzzer's summary line.</summary>
    public TimeSpan Slowest { get; private set; }

    /// <summary>Runs <paramref name="iteration"/> for 0..<paramref name="count"/>-1; each call first names its
    /// input through <see cref="Describe"/> so a hang or a throw can say what it was fed.</summary>
    public void Run(int count, Action<int> iteration)
    {
        Exception? failure = null;
        // 16 MiB of stack: deep but finite recursion (nested blocks) must not be mistaken for a bug here.
        var worker = new Thread(
            () =>
        {
            try
            {
                for (int i = 0; i < count; i++)
                {
                    lock (_gate)
                    {
                        _busy = true;
                        _startedAt = Stopwatch.GetTimestamp();
                        int index = i;
                        _current = () => $"iteration {index}";
                    }

                    iteration(i);
                    TimeSpan took = Stopwatch.GetElapsedTime(_startedAt);
                    lock (_gate)
                    {
                        _busy = false;
                        if (took > Slowest)
                        {
                            Slowest = took;
                        }
                    }

                    if (took > perInputBound)
                    {
                        throw new XunitException($"{name}: {_current()} took {took.TotalMilliseconds:0} ms (bound {perInputBound.TotalMilliseconds:0} ms)");
                    }
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        },
            maxStackSize: 16 * 1024 * 1024)
        {
            IsBackground = true, // a hung input must not keep the test host alive
            Name = $"fuzz {name}",
        };
        worker.Start();

        while (!worker.Join(TimeSpan.FromMilliseconds(50)))
        {
            lock (_gate)
            {
                if (_busy && Stopwatch.GetElapsedTime(_startedAt) > perInputBound * 4)
                {
                    throw new XunitException($"{name}: {_current()} has run for more than {(perInputBound * 4).TotalSeconds:0.#} s (hang)");
                }
            }
        }

        if (failure is XunitException { Message: var message } && message.StartsWith(name, StringComparison.Ordinal))
        {
            throw failure;
        }

        if (failure is XunitException assertion)
        {
            throw new XunitException($"{name}: {_current()}\n{assertion.Message}");
        }

        if (failure is not null)
        {
            throw new XunitException($"{name}: {_current()} threw {failure.GetType().Name}: {failure.Message}\n{failure.StackTrace}");
        }
    }

    /// <summary>Names the current input; called only when it fails (so the fuzzer may save its bytes then).</summary>
    public void Describe(Func<string> description)
    {
        lock (_gate)
        {
            _current = description;
        }
    }
}
