using Vrrpd.IntegrationTests.Harness;
using Vrrpd.IntegrationTests.Operations;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Packaging;

/// <summary>
/// The shipped unit permits what vrrpd.conf(5) documents: vrrp_priority, vrrp_rt_priority, vrrp_rlimit_rttime and a
/// vrrp_script's `user`. systemd is not PID 1 where the tests run, so the unit is applied in two halves: its system
/// call filter is computed from its lines with this machine's systemd groups, and its capability bounding set and
/// no_new_privs are applied to a real vrrpd with setpriv.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SystemdUnitTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    /// <summary>What each documented feature calls (packaging/systemd/vrrpd.service's comments list them).</summary>
    public static readonly TheoryData<string, string> NeededSystemCalls = new()
    {
        { "vrrp_priority", "setpriority" },
        { "vrrp_rt_priority", "sched_setscheduler" },
        { "vrrp_rlimit_rttime", "setrlimit" },
        { "vrrp_rlimit_rttime", "prlimit64" },
        { "vrrp_script user (setpriv)", "capget" },
        { "vrrp_script user (setpriv)", "capset" },
        { "vrrp_script user (setpriv)", "prctl" },
        { "vrrp_script user (setpriv)", "setresuid" },
        { "vrrp_script user (setpriv)", "setresgid" },
        { "vrrp_script user (setpriv)", "setgroups" },
        { "vrrp_script user (setpriv)", "execve" },
        { "VRRP itself", "socket" },
        { "VRRP itself", "sendmsg" },
        { "VRRP itself", "recvmsg" },
    };

    private static readonly Lazy<Func<string, bool>> Allowed = new(() => SystemdUnit.Shipped().SystemCallFilter(SyscallGroups.Load().Expand));

    [Theory]
    [MemberData(nameof(NeededSystemCalls))]
    public void UnitSystemCallFilter_LetsThroughWhatTheFeatureCalls(string feature, string systemCall)
    {
        Assert.True(Command.Exists("systemd-analyze"), "systemd-analyze is not on PATH: run `sudo packaging/install-deps.sh`");

        Assert.True(Allowed.Value(systemCall), $"the unit's SystemCallFilter= refuses {systemCall}, which {feature} calls");
    }

    [Theory]
    [InlineData("reboot")]
    [InlineData("init_module")]
    [InlineData("swapon")]
    [InlineData("settimeofday")]
    public void UnitSystemCallFilter_StillRefusesWhatVrrpdNeverCalls(string systemCall)
    {
        Assert.True(Command.Exists("systemd-analyze"), "systemd-analyze is not on PATH: run `sudo packaging/install-deps.sh`");

        Assert.False(Allowed.Value(systemCall), $"the unit's SystemCallFilter= lets {systemCall} through");
    }

    [Fact]
    public void Unit_DoesNotRestrictRealtime()
    {
        // RestrictRealtime=yes refuses SCHED_RR in a seccomp filter of its own, whatever LimitRTPRIO= says.
        var value = SystemdUnit.Shipped().Last("Service", "RestrictRealtime") ?? "no";

        Assert.Contains(value, new[] { "no", "false", "off", "0" });
    }

    [LabFact]
    public async Task UnderTheUnitsCapabilities_RtPriorityNiceRttimeAndScriptUserWork()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var unit = SystemdUnit.Shipped();
        var shared = SharedDirectory();
        try
        {
            var daemon = lab.StartVrrpd(host, SchedulingAndScriptUser(lab, host, shared), UnitWrapper(unit.BoundingCapabilities()));

            // The script's check must pass as nobody for the instance to be Master (weight 0: a failure is Fault).
            await Eventually.Until(() => lab.HasAddress(host, Vip4), Settle, $"{Vip4} on {host}", lab.Report);
            var uidFile = Path.Combine(shared, "uid");
            await Eventually.Until(() => File.Exists(uidFile) && File.ReadAllText(uidFile).Trim().Length > 0, Settle, "the script's uid file", lab.Report);
            Assert.Equal("65534", File.ReadAllText(uidFile).Trim());

            var threads = ProcessThread.Of(daemon.Pid);
            var timer = Assert.Single(threads, t => t.Name == "vrrp-loop");   // the event loop: sockets, timers, state machines
            Assert.Equal((ProcessThread.SchedRr, 30), (timer.Policy, timer.RtPriority));
            Assert.Equal(-5, Assert.Single(threads, t => t.Id == daemon.Pid).Nice);
            Assert.Contains(File.ReadLines($"/proc/{daemon.Pid}/limits"), l => l.StartsWith("Max realtime timeout", StringComparison.Ordinal)
                && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3..5].SequenceEqual(["200000", "200000"]));
            Assert.DoesNotContain("not applied", daemon.Log, StringComparison.Ordinal);
            // The bounding set really was the unit's: no CAP_SYS_ADMIN (21) in the daemon's effective set.
            Assert.Equal(0UL, EffectiveCapabilities(daemon.Pid) & (1UL << 21));
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
        }
    }

    /// <summary>The control for the test above: the unit's bounding set less CAP_SYS_NICE refuses the priorities,
    /// so the wrapper really takes root's other capabilities away and the unit's set is what makes them work.</summary>
    [LabFact]
    public async Task UnderTheUnitsCapabilitiesLessSysNice_RtPriorityAndNiceAreRefused()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var shared = SharedDirectory();
        try
        {
            var capabilities = SystemdUnit.Shipped().BoundingCapabilities().Where(c => c != "sys_nice").ToList();
            var daemon = lab.StartVrrpd(host, SchedulingAndScriptUser(lab, host, shared), UnitWrapper(capabilities));

            await Eventually.Until(() => lab.HasAddress(host, Vip4), Settle, $"{Vip4} on {host}", lab.Report);
            await Eventually.Until(() => daemon.Log.Contains("vrrp_rt_priority 30 not applied", StringComparison.Ordinal), Settle,
                "the refusal of vrrp_rt_priority in the log", () => daemon.Log);
            Assert.Contains("vrrp_priority -5 not applied", daemon.Log, StringComparison.Ordinal);
            Assert.All(ProcessThread.Of(daemon.Pid), t => Assert.Equal(ProcessThread.SchedOther, t.Policy));
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
        }
    }

    /// <summary>setpriv with the unit's NoNewPrivileges= and a capability bounding set: the process systemd would
    /// start (as root, with only those capabilities).</summary>
    private static string[] UnitWrapper(IEnumerable<string> capabilities)
    {
        Assert.Equal("yes", SystemdUnit.Shipped().Last("Service", "NoNewPrivileges"));
        var bounding = string.Join(',', new[] { "-all" }.Concat(capabilities.Select(c => "+" + c)));
        return ["setpriv", $"--bounding-set={bounding}", "--no-new-privs", "--"];
    }

    /// <summary>The three scheduling knobs, and a weight-0 vrrp_script run as nobody that writes its uid.</summary>
    private static string SchedulingAndScriptUser(Lab lab, LabHost host, string shared)
    {
        var instance = new VrrpInstanceConfig { Priority = 150 }.ToConfigText().TrimEnd();
        var body = instance[..instance.LastIndexOf('}')];
        return OperationsConfig.Text(lab, host, """
                vrrp_priority -5
                vrrp_rt_priority 30
                vrrp_rlimit_rttime 200000
            """) + $$"""
            vrrp_script as_nobody {
                script "/bin/sh -c 'id -u > {{shared}}/uid'"
                interval 0.5
                user nobody
            }

            {{body}}    track_script {
                    as_nobody
                }
            }

            """;
    }

    /// <summary>A directory nobody can write to (the lab's own is root's, mode 0700).</summary>
    private static string SharedDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("vi-unit.").FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        return directory;
    }

    private static ulong EffectiveCapabilities(int pid) =>
        Convert.ToUInt64(File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("CapEff:", StringComparison.Ordinal))["CapEff:".Length..].Trim(), 16);
}
