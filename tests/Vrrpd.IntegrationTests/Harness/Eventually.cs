using System.Diagnostics;
using Xunit.Sdk;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>Polling assertions for things that become true (or must stay true) on a running network.</summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds; fails after <paramref name="timeout"/> with the expectation,
    /// the last exception the condition threw (if any) and <paramref name="context"/> (e.g. <see cref="Lab.Report"/>).
    /// Returns how long it took.
    /// </summary>
    public static async Task<TimeSpan> Until(Func<bool> condition, TimeSpan timeout, string expectation, Func<string>? context = null)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            try
            {
                if (condition())
                {
                    return clock.Elapsed;
                }

                last = null;
            }
            catch (Exception e)
            {
                last = e;
            }

            if (clock.Elapsed > timeout)
            {
                throw new XunitException(
                    $"Timed out after {timeout.TotalSeconds:0.###} s waiting for: {expectation}" +
                    (last is null ? "" : $"\nLast error: {last.GetType().Name}: {last.Message}") +
                    (context is null ? "" : $"\n{context()}"));
            }

            await Task.Delay(Poll);
        }
    }

    /// <summary>Fails as soon as <paramref name="condition"/> stops holding within <paramref name="duration"/>.</summary>
    public static async Task Holds(Func<bool> condition, TimeSpan duration, string expectation, Func<string>? context = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            if (!condition())
            {
                throw new XunitException(
                    $"Stopped holding after {clock.Elapsed.TotalSeconds:0.###} s (of {duration.TotalSeconds:0.###} s): {expectation}" +
                    (context is null ? "" : $"\n{context()}"));
            }

            await Task.Delay(Poll);
        }
    }
}
