using System.Diagnostics;
using Vrrpd.Linux.Health;

namespace Vrrpd.Linux.Tests.Health;

/// <summary>A process's exit seen through a pidfd: at once, once, and never for a process that is not the expected one.</summary>
public sealed class ProcessExitWatchTests
{
    private static Process Sleeper() => Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;

    [Fact]
    public async Task KilledProcess_IsReportedAtOnce()
    {
        using var sleeper = Sleeper();
        var exited = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = ProcessExitWatch.TryStart(sleeper.Id, _ => true, () => exited.TrySetResult(Stopwatch.GetTimestamp()), out var whyNot);
        Assert.True(watch is not null, whyNot);

        var killed = Stopwatch.GetTimestamp();
        sleeper.Kill();
        var at = await exited.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(Stopwatch.GetElapsedTime(killed, at) < TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task DisposedWatch_ReportsNothing()
    {
        using var sleeper = Sleeper();
        int calls = 0;
        var watch = ProcessExitWatch.TryStart(sleeper.Id, _ => true, () => Interlocked.Increment(ref calls), out _);
        Assert.NotNull(watch);
        watch.Dispose();

        sleeper.Kill();
        await sleeper.WaitForExitAsync();
        await Task.Delay(100);

        Assert.Equal(0, calls);
    }

    [Fact]
    public void ProcessThatIsNotTheExpectedOne_IsNotWatched()
    {
        using var sleeper = Sleeper();
        try
        {
            var watch = ProcessExitWatch.TryStart(sleeper.Id, _ => false, () => { }, out var whyNot);

            Assert.Null(watch);
            Assert.Contains("not the one expected", whyNot, StringComparison.Ordinal);
        }
        finally
        {
            sleeper.Kill();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    public void NoSuchProcess_IsNotWatched_WithTheReason(int pid)
    {
        var watch = ProcessExitWatch.TryStart(pid, _ => true, () => { }, out var whyNot);

        Assert.Null(watch);
        Assert.False(string.IsNullOrEmpty(whyNot));
    }
}
