using System.Diagnostics;
using System.Globalization;
using Vrrpd.IntegrationTests.Harness;
using Vrrpd.IntegrationTests.Operations;
using Xunit.Abstractions;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Health;

/// <summary>
/// vrrp_track_process in a two-host lab: h1 (priority 150) tracks a <c>sleep</c> started in its namespace, h2 (100)
/// tracks nothing. Process tracking sees every process of the machine's pid namespace, so each test's sleep has an
/// argument no other process has, and the tracker matches that argument exactly
/// (docs/design/process-tracking.md §2, §4).
/// </summary>
public sealed class TrackProcessFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(8);

    /// <summary>advert_int 0.1: Master_Down_Interval 3 × 0.1 s + Skew_Time; a Fault also sends priority 0, after which
    /// the backup takes over after Skew_Time alone.</summary>
    private static readonly VrrpInstanceConfig Fast = new() { Version = 3, AdvertInt = "0.1" };

    /// <summary>What a takeover may add to the tracker's delay on a loaded 2-core machine: Master_Down_Interval
    /// (0.35 s) and the polling of the addresses, with a wide margin (0.3 s idle, up to 1 s seen under a load of 6).</summary>
    private static readonly TimeSpan TakeoverMargin = TimeSpan.FromSeconds(3);

    /// <summary>Whether this machine lets vrrpd use the process events connector: the test (and so vrrpd) runs in
    /// the initial pid and user namespaces, the only ones cn_proc reports to (docs/design/process-tracking.md §5).
    /// vrrpd's network namespace does not matter (§7).</summary>
    private static bool ProcessEventsExpected =>
        new FileInfo("/proc/self/ns/pid").LinkTarget == "pid:[4026531836]" && new FileInfo("/proc/self/ns/user").LinkTarget == "user:[4026531837]";

    private static string UniqueDuration() =>
        "1000." + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);

    private static NamespaceProcess Sleep(Lab lab, LabHost host, string duration) => NamespaceProcess.Start(lab, host, "sleep", duration);

    private static string Tracking(string duration, string lines, string globalLines = "") => $$"""
        global_defs {
        {{globalLines}}
        }
        vrrp_track_process web {
            process sleep {{duration}}
        {{lines}}
        }
        """;

    [LabFact]
    public async Task TrackProcess_WeightZero_ProcessKilled_FaultsAfterItsDelay_VipMovesAndReturnsWhenRestarted()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var duration = UniqueDuration();
        var delay = TimeSpan.FromSeconds(1);
        var listen = $"{primary.Ipv4}:9651";
        var sleeper = Sleep(lab, primary, duration);
        var a = lab.StartVrrpd(primary, TrackedInstance.Compose(Fast with { Priority = 150 },
            Tracking(duration, "    delay 1", $"    metrics_listen {listen}"), "track_process {\n    web\n}"));
        lab.StartVrrpd(backup, (Fast with { Priority = 100 }).ToConfigText());
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && TrackerCheck.Read(a, "web").State == "ok", Settle,
            $"{Vip4} on {primary} with web ok", lab.Report);
        var check = TrackerCheck.Read(a, "web");
        Assert.Equal("process", check.Kind);
        Assert.Equal(1, check.Measurement("matching_processes"));
        Assert.Contains($"'sleep {duration}'", check.Reason, StringComparison.Ordinal);
        output.WriteLine($"status reason: {check.Reason}");
        if (ProcessEventsExpected)
            Assert.DoesNotContain("rescanned", check.Reason, StringComparison.Ordinal);   // the kernel's events, not the fallback
        Assert.Contains("VI_1: check process web: ok, weight 0", VrrpdClient.Run(a, "status").EnsureSuccess().StdOut, StringComparison.Ordinal);
        var metrics = Scrape(primary, listen);
        Assert.Equal(1, Value(metrics, "vrrpd_tracker_up", ("tracker", "web"), ("kind", "process")));
        Assert.Equal(1, Value(metrics, "vrrpd_process_matching_processes", ("tracker", "web")));

        var killed = Stopwatch.StartNew();
        sleeper.Kill();

        // terminate_delay holds the verdict; then Fault, a priority-0 advert, and the backup's Skew_Time.
        await Eventually.Until(() => lab.HasAddress(backup, Vip4) && !lab.HasAddress(primary, Vip4), delay + Settle,
            $"{Vip4} moves to {backup} once the tracked sleep is gone", lab.Report);
        var took = killed.Elapsed;
        output.WriteLine($"kill -> VIP on {backup}: {took.TotalSeconds:0.000} s (terminate_delay {delay.TotalSeconds} s)");
        Assert.True(took >= delay - TimeSpan.FromMilliseconds(100), $"the VIP moved after {took.TotalSeconds:0.000} s, before the {delay.TotalSeconds} s delay\n{lab.Report()}");
        Assert.True(took < delay + TakeoverMargin, $"takeover took {took.TotalSeconds:0.000} s (delay {delay.TotalSeconds} s)\n{lab.Report()}");
        check = TrackerCheck.Read(a, "web");
        Assert.Equal("failed", check.State);
        Assert.Contains("0 running (quorum 1..unlimited)", check.Reason, StringComparison.Ordinal);
        Assert.Equal("Fault", a.Status().Instance("VI_1").State);
        Assert.Equal(0, Value(Scrape(primary, listen), "vrrpd_tracker_up", ("tracker", "web"), ("kind", "process")));

        var restarted = Stopwatch.StartNew();
        Sleep(lab, primary, duration);

        // fork_delay (the same 1 s) before the tracker passes, then preemption.
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), Settle,
            $"{Vip4} back on {primary} once the sleep runs again", lab.Report);
        output.WriteLine($"restart -> VIP back on {primary}: {restarted.Elapsed.TotalSeconds:0.000} s (fork_delay {delay.TotalSeconds} s)");
        Assert.True(restarted.Elapsed >= delay - TimeSpan.FromMilliseconds(100), $"the VIP came back after {restarted.Elapsed.TotalSeconds:0.000} s, before the {delay.TotalSeconds} s fork_delay");
        Assert.Equal("ok", TrackerCheck.Read(a, "web").State);
    }

    [LabFact]
    public async Task TrackProcess_QuorumTwo_NegativeWeight_OneOfTwoKilled_DropsBelowTheBackup_AtOnce()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var duration = UniqueDuration();
        var first = Sleep(lab, primary, duration);
        Sleep(lab, primary, duration);
        var a = lab.StartVrrpd(primary, TrackedInstance.Compose(Fast with { Priority = 150 },
            Tracking(duration, "    quorum 2"), "track_process {\n    web weight -60\n}"));
        lab.StartVrrpd(backup, (Fast with { Priority = 100 }).ToConfigText());
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && TrackerCheck.Read(a, "web").State == "ok", Settle,
            $"{Vip4} on {primary} with web ok", lab.Report);
        Assert.Equal(2, TrackerCheck.Read(a, "web").Measurement("matching_processes"));

        var killed = Stopwatch.StartNew();
        first.Kill();

        // No delay: 150 - 60 = 90 < 100 at once; the backup preempts after Master_Down_Interval.
        await Eventually.Until(() => lab.HasAddress(backup, Vip4) && !lab.HasAddress(primary, Vip4), Settle,
            $"{Vip4} moves to {backup} once one of the two sleeps is gone", lab.Report);
        output.WriteLine($"kill -> VIP on {backup}: {killed.Elapsed.TotalSeconds:0.000} s (no delay)");
        Assert.True(killed.Elapsed < TakeoverMargin, $"takeover took {killed.Elapsed.TotalSeconds:0.000} s\n{lab.Report()}");
        var check = TrackerCheck.Read(a, "web");
        Assert.Equal(("failed", -60), (check.State, check.AppliedDelta));
        Assert.Contains("1 running (quorum 2..unlimited)", check.Reason, StringComparison.Ordinal);
        Assert.Equal("Backup", a.Status().Instance("VI_1").State);
    }

    [LabFact]
    public async Task TrackProcess_ProcessAbsentAtStart_PrimaryGoesToFault_VipStaysOnBackup_UntilItRuns()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var duration = UniqueDuration();
        lab.StartVrrpd(backup, (Fast with { Priority = 100 }).ToConfigText());
        await Eventually.Until(() => lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {backup}, alone", lab.Report);
        var a = lab.StartVrrpd(primary, TrackedInstance.Compose(Fast with { Priority = 150 },
            Tracking(duration, ""), "track_process {\n    web\n}"));

        // The start-up scan decides at once: Fault before the instance could preempt.
        await Eventually.Until(() => TrackerCheck.Read(a, "web").State == "failed", Settle, "web failed on the primary", lab.Report);
        Assert.Equal("Fault", a.Status().Instance("VI_1").State);
        await Eventually.Holds(() => !lab.HasAddress(primary, Vip4) && lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(1.5),
            $"{Vip4} stays on {backup} while no tracked process runs on {primary}", lab.Report);

        Sleep(lab, primary, duration);

        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), Settle,
            $"{Vip4} on {primary} once the tracked process runs", lab.Report);
        Assert.Equal(1, TrackerCheck.Read(a, "web").Measurement("matching_processes"));
    }

    /// <summary>
    /// keepalived 2.2.7 started inside a network namespace cannot subscribe to the process events connector (it
    /// exists in the initial network namespace only; the subscription is refused with ECONNREFUSED), so its
    /// track_process never passes and the instance never takes the VIP. vrrpd in the same place subscribes from the
    /// initial namespace (the other tests of this class; docs/design/process-tracking.md §7).
    /// </summary>
    [LabFact(NeedsKeepalived = true)]
    public async Task TrackProcess_KeepalivedInANetworkNamespace_CannotSubscribe_AndNeverTakesTheVip()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var duration = UniqueDuration();
        Sleep(lab, primary, duration);
        var keepalived = lab.StartKeepalived(primary, TrackedInstance.Compose(Fast with { Priority = 150 },
            Tracking(duration, ""), "track_process {\n    web\n}"));
        lab.StartVrrpd(backup, (Fast with { Priority = 100 }).ToConfigText());
        await Eventually.Until(() => lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {backup}", lab.Report);

        await Eventually.Holds(() => !lab.HasAddress(primary, Vip4), TimeSpan.FromSeconds(2),
            $"{Vip4} never on keepalived ({primary}), although the tracked sleep runs", lab.Report);
        Assert.Contains("Failed to set/clear process event listen - errno 111", keepalived.Log, StringComparison.Ordinal);
    }

    private static IReadOnlyList<PrometheusSample> Scrape(LabHost host, string listen)
    {
        var result = Command.Run("ip", ["netns", "exec", host.Namespace, "curl", "-sS", $"http://{listen}/metrics"], TimeSpan.FromSeconds(10)).EnsureSuccess();
        return PrometheusText.Parse(result.StdOut);
    }

    private static double Value(IReadOnlyList<PrometheusSample> samples, string name, params (string, string)[] labels)
    {
        var matching = samples.Where(s => s.Name == name && s.Has(labels)).ToArray();
        Assert.True(matching.Length == 1, $"{matching.Length} samples of {name} with {string.Join(",", labels)}");
        return matching[0].Value;
    }
}
