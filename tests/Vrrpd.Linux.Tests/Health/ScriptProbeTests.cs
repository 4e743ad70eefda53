using System.Diagnostics;
using Vrrpd.Configuration;
using Vrrpd.Health;
using Vrrpd.Linux.Health;

namespace Vrrpd.Linux.Tests.Health;

/// <summary>vrrp_script runs: exit codes, signals, no shell, timeouts that kill the whole process group, users.</summary>
public sealed class ScriptProbeTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("vrrpd-script.");

    public void Dispose() => _dir.Delete(recursive: true);

    private static ScriptProbe Probe(string text, string? user = null, string? group = null)
    {
        var argv = text.Split(' ');
        var script = new CommandLine(text, argv) { User = user, Group = group };
        return new ScriptProbe(new ScriptTrackerConfig("chk", script, TrackerTiming.Default, new SourceLocation("t", 1, 1)));
    }

    private static ScriptProbe Shell(string command) =>
        new(new ScriptTrackerConfig("chk", new CommandLine(command, ["/bin/sh", "-c", command]), TrackerTiming.Default, new SourceLocation("t", 1, 1)));

    [Fact]
    public async Task ExitZero_IsHealthy()
    {
        CheckResult result = await Probe("/bin/true").ProbeAsync(CancellationToken.None);

        Assert.Equal(CheckOutcome.Ok, result.Outcome);
    }

    [Fact]
    public async Task NonZeroExit_IsAFailureWithTheCodeAndLastOutputLine()
    {
        CheckResult result = await Shell("echo starting; echo 'port 80 closed' >&2; exit 3").ProbeAsync(CancellationToken.None);

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Equal("/bin/sh exited with 3: port 80 closed", result.Reason);
    }

    [Fact]
    public async Task DeathBySignal_IsAFailureNamingTheSignal()
    {
        CheckResult result = await Shell("kill -9 $$").ProbeAsync(CancellationToken.None);

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Equal("/bin/sh killed by signal 9 (exit 137)", result.Reason);
    }

    [Fact]
    public async Task Arguments_AreNotGivenToAShell()
    {
        string marker = Path.Combine(_dir.FullName, "x");
        // With a shell this would create the file; without one, touch gets ';' and 'true' as file names.
        CheckResult result = await Probe($"/usr/bin/test -e {marker} ; /usr/bin/touch {marker}").ProbeAsync(CancellationToken.None);

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task MissingProgram_IsAFailureSayingSo()
    {
        CheckResult result = await Probe("/nonexistent/check").ProbeAsync(CancellationToken.None);

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Contains("/nonexistent/check", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_KillsTheScriptAndEverythingItStarted()
    {
        string pids = Path.Combine(_dir.FullName, "pids");
        using var probe = Shell($"sleep 60 & echo $! > {pids}; echo $$ >> {pids}; wait");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await probe.ProbeAsync(timeout.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}: SIGTERM should end it at once");
        foreach (int pid in File.ReadAllLines(pids).Select(int.Parse))
        {
            Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal),
                $"process {pid} survived the timeout");
        }
    }

    [Fact]
    public async Task Timeout_ScriptIgnoringSigterm_GetsSigkillAfterTwoSeconds()
    {
        using var probe = Shell("trap '' TERM; while :; do sleep 0.1; done");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await probe.ProbeAsync(timeout.Token));

        Assert.InRange(clock.Elapsed.TotalSeconds, 2.2, 4.5);
    }

    [Fact]
    public async Task User_RunsTheScriptAsThatUser()
    {
        // The test directory is private (0700); /tmp lets nobody create a file.
        string output = Path.Combine(Path.GetTempPath(), $"vrrpd-id-{Guid.NewGuid():N}");
        var script = new CommandLine("sh", ["/bin/sh", "-c", $"id -u > {output}"]) { User = "nobody" };
        using var probe = new ScriptProbe(new ScriptTrackerConfig("chk", script, TrackerTiming.Default, new SourceLocation("t", 1, 1)));

        CheckResult result = await probe.ProbeAsync(CancellationToken.None);

        Assert.Equal(CheckOutcome.Ok, result.Outcome);
        string uid = File.ReadAllText(output).Trim();
        File.Delete(output);
        Assert.Equal(PasswdDatabase.User("nobody")!.Value.Uid.ToString(), uid);
    }

    [Fact]
    public async Task UnknownUser_FailsEveryPoll_InsteadOfRunningAsRoot()
    {
        using var probe = Probe("/bin/true", user: "no-such-user-vrrpd");

        CheckResult result = await probe.ProbeAsync(CancellationToken.None);

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Equal("cannot run as no-such-user-vrrpd: user no-such-user-vrrpd does not exist", result.Reason);
    }

    [Fact]
    public void Command_StartsInItsOwnSession_AndSwitchesUserWithSetpriv()
    {
        var script = new CommandLine("/bin/true", ["/bin/true", "x"]) { User = "svc", Group = "grp" };

        IReadOnlyList<string> argv = ScriptCommand.Build(script, _ => (1001, 1001), _ => 2002);

        Assert.Equal(["/usr/bin/setsid", "--wait", "/usr/bin/setpriv", "--reuid=1001", "--regid=2002", "--groups=2002", "--inh-caps=-all", "--ambient-caps=-all", "--", "/bin/true", "x"], argv);
        Assert.Equal(["/usr/bin/setsid", "--wait", "/bin/true"], ScriptCommand.Build(new CommandLine("/bin/true", ["/bin/true"]) { User = "root" }, _ => null, _ => null));
    }
}
