using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Faults;

/// <summary>
/// A second `vrrpd run` on a host where one already runs (an operator's mistake, a supervisor that restarts too
/// eagerly) is refused before it touches anything: the running Master's VIP never leaves, and nothing is sent.
/// Before the pid file was a lock, a second daemon with another pid file started its instances first, removed the
/// live VIP as "left behind by an earlier run", advertised and sent GARPs, and only then failed on the socket.
/// </summary>
public sealed class SecondDaemonTests
{
    private static readonly VrrpInstanceConfig Fast = new() { Version = 3, AdvertInt = "0.1", Priority = 150 };

    public static TheoryData<string> Collisions => new() { "same control socket", "same pid file" };

    [LabTheory]
    [MemberData(nameof(Collisions))]
    public async Task SecondDaemon_IsRefusedBeforeItTouchesTheRunningMastersVip(string collision)
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var first = lab.Start(DaemonKind.Vrrpd, host, Fast);
        await Eventually.Until(() => lab.HasAddress(host, Vip4), TimeSpan.FromSeconds(6), $"{Vip4} on {host}", lab.Report);
        await using var watch = await VipWatch.StartAsync(lab, Vip4, host);
        using var capture = await Capture.StartAsync(lab, host, "ip proto 112");

        bool sameSocket = collision == "same control socket";
        var (fileName, prefix) = VrrpdBinary.Resolve();
        var second = Command.Run("ip",
            new[] { "netns", "exec", host.Namespace, fileName }.Concat(prefix).Concat([
                "run", "-f", first.ConfigPath,
                "--control-socket", sameSocket ? first.ControlSocket : Path.Combine(lab.WorkDirectory, "second.sock"),
                "--pid-file", sameSocket ? Path.Combine(lab.WorkDirectory, "second.pid") : first.PidFile,
            ]),
            TimeSpan.FromSeconds(20));
        await Task.Delay(300);
        await watch.StopAsync();

        Assert.True(second.ExitCode == 4, $"exit code {second.ExitCode}, expected 4 (another vrrpd is running)\n{second.StdErr}");
        Assert.Contains("another vrrpd", second.StdErr, StringComparison.Ordinal);
        Assert.Contains($"pid {first.Pid}", second.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("left behind", second.StdErr, StringComparison.Ordinal);
        Assert.True(watch.HolderChanges == 0, $"the running Master's VIP changed hands while the second daemon was refused:\n{watch.Changes}\n{second.StdErr}");
        Assert.False(first.HasExited, first.Describe());
        Assert.Equal("Master", first.Status().Instance("VI_1").State);
        // Only the first daemon advertises, at its own priority: the refused one sent nothing.
        var adverts = capture.Read("vrrp", "vrrp.prio");
        Assert.NotEmpty(adverts);
        Assert.All(adverts, p => Assert.Equal("150", p["vrrp.prio"]));
    }

    [LabFact]
    public async Task StalePidFile_NamingALiveUnrelatedProcess_DoesNotBlockAStart()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        // What a killed daemon leaves after a reboot that reused its pid: a file naming a live process (here init)
        // that holds no lock. Reading the pid back and asking /proc refused to start; the lock does not.
        File.WriteAllText(Path.Combine(lab.WorkDirectory, $"vrrpd-{host.Name}-1.pid"), "1\n");
        var daemon = lab.Start(DaemonKind.Vrrpd, host, Fast);
        Assert.Equal(Path.Combine(lab.WorkDirectory, $"vrrpd-{host.Name}-1.pid"), daemon.PidFile);

        await Eventually.Until(() => lab.HasAddress(host, Vip4), TimeSpan.FromSeconds(6), $"{Vip4} on {host} despite the stale pid file", lab.Report);
        // Read as an operator or systemd would; the daemon holds an exclusive flock on it, which .NET's own readers
        // would trip over (they take a shared one for FileShare).
        Assert.Equal($"{daemon.Pid}", Command.Run("cat", daemon.PidFile).EnsureSuccess().StdOut.Trim());
    }
}
