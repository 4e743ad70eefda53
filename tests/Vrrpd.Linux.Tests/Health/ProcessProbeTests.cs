using System.Diagnostics;
using System.Globalization;
using Vrrpd.Configuration;
using Vrrpd.Health;
using Vrrpd.Linux.Health.Processes;

namespace Vrrpd.Linux.Tests.Health;

/// <summary>
/// vrrp_track_process against real processes: a <c>sleep</c> with an argv no other process has is counted, and its
/// death is seen at once, through the kernel's process events and through the /proc + pidfd fallback
/// (docs/design/process-tracking.md §4, §5). The probe sees every process of the pid namespace, so each test
/// matches its own unique argument only.
/// </summary>
public sealed class ProcessProbeTests
{
    /// <summary>Generous for a loaded 2-core machine; the kernel reports within milliseconds.</summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(2);

    /// <summary>"1000.123456": a sleep of ~17 minutes whose argument tells this test's sleepers from any other.</summary>
    private static string UniqueDuration() =>
        "1000." + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);

    private static ProcessTrackerConfig Tracking(string duration, int quorum = 1, TimeSpan terminateDelay = default) =>
        new("sleepers", "sleep", [duration], ProcessParameterMatch.Exact, FullCommand: true, quorum, QuorumMax: null,
            ForkDelay: TimeSpan.Zero, terminateDelay, Weight: 0, Reverse: false, new SourceLocation("test.conf", 1, 1));

    private static Process Sleeper(string duration) =>
        Process.Start(new ProcessStartInfo("sleep", duration) { UseShellExecute = false })!;

    private static int Count(ProcessProbe probe) =>
        (int)probe.Measurements.Single(m => m.Name == ProcessProbe.CountMeasurement).Value;

    private static async Task<TimeSpan> UntilCount(ProcessProbe probe, int count)
    {
        var watch = Stopwatch.StartNew();
        while (Count(probe) != count)
        {
            Assert.True(watch.Elapsed < Quickly, $"the count stayed {Count(probe)}, not {count}, for {watch.Elapsed.TotalSeconds:0.000} s");
            await Task.Delay(5);
        }

        return watch.Elapsed;
    }

    /// <summary>Starts the probe and waits for its start-up scan (made on the probe's own thread).</summary>
    private static async Task<CheckResult> StartAsync(ProcessProbe probe)
    {
        probe.Start();
        return await probe.ProbeAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static void Kill(Process process)
    {
        process.Kill();
        process.WaitForExit();
    }

    [ProcessEventsFact]
    public async Task ProcessEvents_CountAStartedSleeper_AndSeeItsDeathAtOnce_WithoutPolling()
    {
        string duration = UniqueDuration();
        using var probe = new ProcessProbe(Tracking(duration));
        var results = new List<CheckResult>();
        probe.Urgent += r => { lock (results) results.Add(r); };
        Assert.Equal(CheckOutcome.Failed, (await StartAsync(probe)).Outcome);
        Assert.True(probe.UsesProcessEvents);
        Assert.Equal(0, Count(probe));

        using var sleeper = Sleeper(duration);
        await UntilCount(probe, 1);
        Assert.Equal(CheckOutcome.Ok, (await probe.ProbeAsync(CancellationToken.None)).Outcome);

        var killed = Stopwatch.StartNew();
        sleeper.Kill();
        await UntilCount(probe, 0);
        Assert.True(killed.Elapsed < Quickly, $"the exit took {killed.Elapsed.TotalSeconds:0.000} s to be seen");

        CheckResult last;
        lock (results) last = results[^1];
        Assert.Equal(CheckOutcome.Failed, last.Outcome);
        Assert.Contains("0 running (quorum 1..unlimited)", last.Reason, StringComparison.Ordinal);
    }

    [ProcessEventsFact]
    public async Task ProcessEvents_Quorum_CountsEveryMatchingProcess_AndOnlyThose()
    {
        string duration = UniqueDuration();
        using var first = Sleeper(duration);
        using var second = Sleeper(duration);
        using var other = Sleeper(UniqueDuration());
        try
        {
            using var probe = new ProcessProbe(Tracking(duration, quorum: 2));
            Assert.Equal(CheckOutcome.Ok, (await StartAsync(probe)).Outcome);
            Assert.Equal(2, Count(probe));

            Kill(first);
            await UntilCount(probe, 1);

            CheckResult result = await probe.ProbeAsync(CancellationToken.None);
            Assert.Equal(CheckOutcome.Failed, result.Outcome);
            Assert.Contains("1 running (quorum 2..unlimited)", result.Reason, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var sleeper in new[] { first, second, other })
            {
                if (!sleeper.HasExited) Kill(sleeper);
            }
        }
    }

    [ProcessEventsFact]
    public async Task ProcessEvents_TerminateDelay_HoldsTheVerdict_ThenFails()
    {
        string duration = UniqueDuration();
        using var sleeper = Sleeper(duration);
        using var probe = new ProcessProbe(Tracking(duration, terminateDelay: TimeSpan.FromMilliseconds(600)));
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Urgent += r => { if (r.Outcome == CheckOutcome.Failed) failed.TrySetResult(); };
        Assert.Equal(CheckOutcome.Ok, (await StartAsync(probe)).Outcome);

        var killed = Stopwatch.StartNew();
        Kill(sleeper);
        await UntilCount(probe, 0);
        Assert.Equal(CheckOutcome.Ok, (await probe.ProbeAsync(CancellationToken.None)).Outcome);

        await failed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(killed.Elapsed >= TimeSpan.FromMilliseconds(550), $"failed after {killed.Elapsed.TotalMilliseconds:0} ms, before the 600 ms delay");
    }

    [ProcessEventsFact]
    public async Task ProcessEvents_AProcessThatRenamesItself_IsCountedByItsNewName()
    {
        // prctl(PR_SET_NAME) changes comm and the kernel reports it (PROC_EVENT_COMM); a unique 15-byte name.
        string name = "vt" + Random.Shared.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture) + "comm";
        var config = new ProcessTrackerConfig("renamed", name, [], ProcessParameterMatch.None, FullCommand: false, 1, null,
            TimeSpan.Zero, TimeSpan.Zero, 0, false, new SourceLocation("test.conf", 1, 1));
        using var probe = new ProcessProbe(config);
        Assert.Equal(CheckOutcome.Failed, (await StartAsync(probe)).Outcome);
        Assert.True(probe.UsesProcessEvents);

        var start = new ProcessStartInfo("python3") { UseShellExecute = false, RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"import ctypes, sys; ctypes.CDLL(None).prctl(15, b'{name}', 0, 0, 0); sys.stdin.read()");
        using var renamed = Process.Start(start)!;
        try
        {
            await UntilCount(probe, 1);
            Assert.Equal(name, File.ReadAllText($"/proc/{renamed.Id}/comm").Trim());
        }
        finally
        {
            Kill(renamed);
        }

        await UntilCount(probe, 0);
    }

    [Fact]
    public async Task Fallback_RescanCountsTheSleeper_AndAPidfdSeesItsDeathAtOnce()
    {
        string duration = UniqueDuration();
        using var sleeper = Sleeper(duration);
        try
        {
            using var probe = new ProcessProbe(Tracking(duration), TimeProvider.System, tryProcessEvents: false);
            CheckResult before = await StartAsync(probe);
            Assert.Equal(CheckOutcome.Ok, before.Outcome);
            Assert.False(probe.UsesProcessEvents);
            Assert.Equal(1, Count(probe));
            Assert.Contains("/proc is rescanned", before.Reason, StringComparison.Ordinal);

            // No poll after the kill: only the pidfd can bring the count down.
            var killed = Stopwatch.StartNew();
            sleeper.Kill();
            await UntilCount(probe, 0);
            Assert.True(killed.Elapsed < Quickly, $"the exit took {killed.Elapsed.TotalSeconds:0.000} s to be seen");
        }
        finally
        {
            if (!sleeper.HasExited) Kill(sleeper);
        }
    }

    [Fact]
    public async Task Start_ReturnsAtOnce_TheScanRunsOnTheProbesThread()
    {
        using var probe = new ProcessProbe(Tracking(UniqueDuration()));
        var started = Stopwatch.StartNew();
        probe.Start();
        Assert.True(started.Elapsed < TimeSpan.FromMilliseconds(500), $"Start took {started.Elapsed.TotalMilliseconds:0} ms");

        CheckResult first = await probe.ProbeAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(CheckOutcome.Failed, first.Outcome);
        Assert.Contains("0 running", first.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fallback_NewProcess_IsCountedAtTheNextPoll()
    {
        string duration = UniqueDuration();
        using var probe = new ProcessProbe(Tracking(duration), TimeProvider.System, tryProcessEvents: false);
        Assert.Equal(CheckOutcome.Failed, (await StartAsync(probe)).Outcome);
        Assert.Equal(0, Count(probe));

        using var sleeper = Sleeper(duration);
        try
        {
            // Wait until exec has replaced the forked child's argv, then poll.
            await Task.Delay(200);
            Assert.Equal(CheckOutcome.Ok, (await probe.ProbeAsync(CancellationToken.None)).Outcome);
            Assert.Equal(1, Count(probe));
        }
        finally
        {
            Kill(sleeper);
        }
    }
}
