using System.Diagnostics;
using Vrrpd.IntegrationTests.Harness;
using Xunit.Abstractions;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Faults;

/// <summary>
/// A hostile third host sprays 100,000 random and mutated protocol-112 packets (wrong TTL, bad checksum, CARP,
/// truncated, wrong VRID, wrong version, huge address counts, v2 with bad authentication) at a running pair, to the
/// group and to each host. Every packet aimed at the pair's VRIDs has a defect, so: no crash, no state change, and
/// each kind is counted under its drop reason in `vrrpd status --json` (RFC 5798 / RFC 3768 §7.1).
/// </summary>
public sealed class SprayTests(ITestOutputHelper output)
{
    private const string Vip2 = "192.0.2.101";
    private const int Packets = 100_000;
    private const int PacketsPerSecond = 12_500; // 8 s of spray
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(6);

    /// <summary>Drop reasons of the v3 instance (VRID 51) and of the v2 one (VRID 52, PASS) that the spray must produce.</summary>
    private static readonly string[] V3Reasons =
        ["ttl", "bad_checksum", "truncated", "length_mismatch", "version_mismatch", "unknown_version", "unknown_type", "zero_address_count", "invalid_interval"];

    private static readonly string[] V2Reasons = ["length_mismatch", "auth_failed", "auth_type_mismatch"];

    [SprayFact]
    public async Task HundredThousandHostilePackets_LeaveThePairUnchanged_AndAreCountedByReason()
    {
        await using var lab = Lab.Create(3);
        var (primary, backup, sprayer) = (lab[1], lab[2], lab[3]);
        string spray = SprayTool.Build(lab);
        var a = lab.StartVrrpd(primary, Config(150));
        var b = lab.StartVrrpd(backup, Config(100));
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && lab.HasAddress(primary, Vip2), Settle, "both VIPs on the primary", lab.Report);
        await Eventually.Until(() => b.Status().Instances.All(i => i.State == "Backup"), Settle, "both instances Backup on the backup", lab.Report);
        var before = Snapshot(a, b);

        // Watch the VIPs throughout: only on the primary, never on the backup, every 50 ms.
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (!lab.HasAddress(primary, Vip4) || lab.HasAddress(backup, Vip4) || lab.HasAddress(backup, Vip2))
                {
                    return $"VIPs moved during the spray at {DateTime.UtcNow:HH:mm:ss.fff}";
                }

                await Task.Delay(50);
            }

            return null;
        });

        var clock = Stopwatch.StartNew();
        CommandResult result = lab.Exec(sprayer, spray, "-i", "eth0", "-s", sprayer.Ipv4.ToString(), "-n", $"{Packets}", "-r", "20261122",
            "-p", $"{PacketsPerSecond}", "-3", "51", "-2", "52", "-a", Vip4, "-b", Vip2,
            "224.0.0.18", primary.Ipv4.ToString(), backup.Ipv4.ToString());
        TimeSpan sprayTime = clock.Elapsed;
        await Task.Delay(500); // the receive threads drain their queues
        stop.Cancel();
        string? moved = await watcher;

        result.EnsureSuccess();
        var sent = SprayTool.SentByKind(result.StdOut);
        output.WriteLine($"sprayed {sent.Values.Sum()} packets in {sprayTime.TotalSeconds:0.0} s: {string.Join(", ", sent.Select(s => $"{s.Key}={s.Value}"))}");
        Assert.True(sent.Values.Sum() >= Packets * 0.99, result.StdOut);
        Assert.True(sprayTime < TimeSpan.FromSeconds(20), $"the spray took {sprayTime.TotalSeconds:0.0} s");
        Assert.False(a.HasExited, lab.Report());
        Assert.False(b.HasExited, lab.Report());
        Assert.Null(moved);

        var after = Snapshot(a, b);
        foreach (var (name, was) in before)
        {
            var now = after[name];
            output.WriteLine($"{name}: {now}");
            Assert.True(now.Transitions == was.Transitions && now.LastTransition == was.LastTransition,
                $"{name} changed state during the spray: before {was}; after {now}\n{lab.Report()}");
            string[] expected = name.EndsWith("VI_1", StringComparison.Ordinal) ? V3Reasons : V2Reasons;
            foreach (string reason in expected)
            {
                Assert.True(now.DropsOf(reason) > was.DropsOf(reason), $"{name}: no drop counted as '{reason}': {now}");
            }
        }

        Assert.True(lab.HasAddress(primary, Vip4) && lab.HasAddress(primary, Vip2), lab.Report());
        Assert.False(lab.HasAddress(backup, Vip4) || lab.HasAddress(backup, Vip2), lab.Report());
    }

    /// <summary>VI_1: VRRPv3 at 0.1 s; VI_2: VRRPv2 with PASS authentication at 1 s (the v2 checks need a v2 instance).</summary>
    private static string Config(int priority) =>
        new VrrpInstanceConfig { Name = "VI_1", VirtualRouterId = 51, Priority = priority }.ToConfigText() +
        new VrrpInstanceConfig
        {
            Name = "VI_2", VirtualRouterId = 52, Version = 2, AdvertInt = "1", Priority = priority, AuthPass = "secret",
            VirtualAddresses = [$"{Vip2}/24"],
        }.ToConfigText();

    private static Dictionary<string, VrrpdInstanceDetails> Snapshot(params DaemonProcess[] daemons)
    {
        var details = new Dictionary<string, VrrpdInstanceDetails>();
        foreach (var daemon in daemons)
        {
            var status = daemon.Status();
            foreach (var instance in status.Instances)
            {
                details[$"{daemon.Host.Name}/{instance.Name}"] = status.Details(instance.Name);
            }
        }

        return details;
    }
}
