using Vrrpd.IntegrationTests.Harness;
using Xunit.Abstractions;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Faults;

/// <summary>
/// A hostile third host sends VRRP packets crafted by scapy (tests/hostile/vrrp_craft.py) at a Master and a Backup
/// running VRRPv3 over IPv4 (VRID 51), VRRPv2 with PASS over IPv4 (VRID 52) and VRRPv3 over IPv6 (VRID 53). Each
/// malformed kind must be dropped and counted under its reason on both hosts (RFC 3768 / 5798 / 9568 §7.1), with no
/// transition; a flood of priority 0 must not be answered packet for packet (docs/design/vrrp-protocol.md §9).
/// </summary>
public sealed class HostileNetworkTests(ITestOutputHelper output)
{
    private const string Vip2 = "192.0.2.101";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(8);

    /// <summary>
    /// What the kernel drops before vrrpd can read it, so no counter can show it (docs/hostile-network.md): an
    /// IPv6 raw socket with IPV6_CHECKSUM verifies the checksum itself (src/Vrrpd.Linux/Sockets/VrrpSocket.cs).
    /// </summary>
    private static readonly string[] DroppedByTheKernel = ["ipv6/53/bad_checksum", "ipv6/53/truncated"];

    [LabFact]
    public async Task CraftedMalformedPackets_AreCountedByReasonOnMasterAndBackup_WithNoTransition()
    {
        ScapyTool.Require();
        await using var lab = Lab.Create(3);
        var (primary, backup, attacker) = (lab[1], lab[2], lab[3]);
        var a = lab.StartVrrpd(primary, Config(150));
        var b = lab.StartVrrpd(backup, Config(100));
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && lab.HasAddress(primary, Vip2) && lab.HasAddress(primary, Vip6),
            Settle, "all three VIPs on the primary", lab.Report);
        await Eventually.Until(() => b.Status().Instances.All(i => i.State == "Backup"), Settle, "every instance Backup on the backup", lab.Report);
        var before = Snapshot(a, b);
        var unclaimedBefore = (Unclaimed(a), Unclaimed(b));
        var kernelDropsBefore = (KernelDrops(lab, primary), KernelDrops(lab, backup));

        const int Copies = 5;
        var sent = ScapyTool.Run(lab, attacker, "kinds", "eth0", $"{Copies}");
        await Task.Delay(500);   // the receive threads drain their queues

        output.WriteLine($"sent: {string.Join(", ", sent.Keys)}");
        var after = Snapshot(a, b);
        var failures = new List<string>();
        foreach (var kind in sent.Keys.Where(k => Split(k).Vrid != "99"))
        {
            var (family, vrid, reason) = Split(kind);
            var expected = DroppedByTheKernel.Contains(kind) ? 0 : Copies;
            foreach (var daemon in new[] { a, b })
            {
                var instance = $"{daemon.Host.Name}/{InstanceOf(vrid)}";
                long counted = after[instance].DropsOf(reason) - before[instance].DropsOf(reason);
                output.WriteLine($"{daemon.Host.Name} {kind}: {counted} of {Copies}");
                if (counted != expected)
                    failures.Add($"{daemon.Host.Name} {family} VRID {vrid}: '{reason}' counted {counted} times, expected {expected}");
            }
        }

        // Nobody's VRID: counted by the daemon, not by an instance, one counter for both families.
        var unclaimedSent = sent.Keys.Count(k => Split(k).Vrid == "99") * Copies;
        foreach (var (daemon, was) in new[] { (a, unclaimedBefore.Item1), (b, unclaimedBefore.Item2) })
        {
            long counted = Unclaimed(daemon).GetValueOrDefault("unknown_vrid") - was.GetValueOrDefault("unknown_vrid");
            output.WriteLine($"{daemon.Host.Name} unknown_vrid (IPv4 and IPv6): {counted} of {unclaimedSent}");
            if (counted != unclaimedSent)
                failures.Add($"{daemon.Host.Name}: 'unknown_vrid' counted {counted} times, expected {unclaimedSent}");
        }

        // What the kernel discarded shows only as drops of the socket (docs/hostile-network.md §2).
        var discardedByKernel = DroppedByTheKernel.Length * Copies;
        foreach (var (host, was) in new[] { (primary, kernelDropsBefore.Item1), (backup, kernelDropsBefore.Item2) })
        {
            long dropped = KernelDrops(lab, host) - was;
            output.WriteLine($"{host.Name}: the kernel dropped {dropped} datagrams at vrrpd's IPv6 socket");
            if (dropped < discardedByKernel)
                failures.Add($"{host.Name}: /proc/net/raw6 shows {dropped} drops at protocol 112, expected at least {discardedByKernel}");
        }

        foreach (var (name, was) in before)
        {
            var now = after[name];
            output.WriteLine($"{name}: {now}");
            if (now.Transitions != was.Transitions || now.LastTransition != was.LastTransition)
                failures.Add($"{name} changed state: before {was}; after {now}");
        }

        // ...and `vrrpd status` says where they went, since its DROPS cannot show them.
        var (vrrpd, prefix) = VrrpdBinary.Resolve();
        var table = lab.Exec(primary, [vrrpd, .. prefix, "status", "--control-socket", a.ControlSocket]).EnsureSuccess().StdOut;
        if (!table.Contains("dropped by the kernel", StringComparison.Ordinal) || !table.Contains("/proc/net/raw6", StringComparison.Ordinal))
            failures.Add($"`vrrpd status` does not say that the kernel drops IPv6 adverts with a bad checksum:\n{table}");

        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + lab.Report());
        Assert.True(lab.HasAddress(primary, Vip4) && lab.HasAddress(primary, Vip2) && lab.HasAddress(primary, Vip6), lab.Report());
        Assert.False(lab.HasAddress(backup, Vip4) || lab.HasAddress(backup, Vip2) || lab.HasAddress(backup, Vip6), lab.Report());
    }

    [LabFact]
    public async Task PriorityZeroFlood_IsNotAnsweredPacketForPacket_AndMovesNothing()
    {
        ScapyTool.Require();
        await using var lab = Lab.Create(3);
        var (primary, backup, attacker) = (lab[1], lab[2], lab[3]);
        var master = new VrrpInstanceConfig { Name = "VI_1", VirtualRouterId = 51, Version = 3, AdvertInt = "1" };
        var a = lab.StartVrrpd(primary, (master with { Priority = 150 }).ToConfigText());
        var b = lab.StartVrrpd(backup, (master with { Priority = 100 }).ToConfigText());
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on the primary", lab.Report);
        await Eventually.Until(() => b.Status().Instance("VI_1").State == "Backup", Settle, "the backup Backup", lab.Report);
        var was = (Master: a.Status().Details("VI_1"), Backup: b.Status().Details("VI_1"));

        const double Seconds = 3;
        var flood = ScapyTool.Run(lab, attacker, "flood", "eth0", "51", $"{Seconds}", "4000");
        await Task.Delay(300);
        var now = (Master: a.Status().Details("VI_1"), Backup: b.Status().Details("VI_1"));

        long priorityZero = (long)flood["sent"];
        long answers = now.Master.AdvertsSent - was.Master.AdvertsSent;
        double seconds = flood["seconds"] + 0.3;
        // At advert_int 1 s: at most 256 paced answers a second, plus the periodic adverts.
        long most = (long)Math.Ceiling(seconds * (256 + 1)) + 2;
        output.WriteLine($"{priorityZero} priority-0 adverts in {flood["seconds"]} s; the Master sent {answers} adverts (at most {most} allowed), " +
            $"1 per {(double)priorityZero / Math.Max(1, answers):0.0} received");
        Assert.True(priorityZero >= 3 * most, $"the flood was too slow to tell ({priorityZero} packets): {flood}");
        Assert.InRange(answers, 1, most);
        Assert.True(now.Master.AdvertsReceived - was.Master.AdvertsReceived >= priorityZero * 9 / 10,
            $"the Master did not see the flood: {was.Master} -> {now.Master}");
        Assert.Equal(was.Master.Transitions, now.Master.Transitions);
        Assert.Equal(was.Backup.Transitions, now.Backup.Transitions);
        Assert.True(lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), lab.Report());
    }

    /// <summary>Three instances: v3 IPv4 VRID 51, v2 IPv4 PASS VRID 52, v3 IPv6 VRID 53, all at 1 s.</summary>
    private static string Config(int priority) =>
        new VrrpInstanceConfig { Name = "VI_1", VirtualRouterId = 51, Version = 3, AdvertInt = "1", Priority = priority }.ToConfigText() +
        new VrrpInstanceConfig
        {
            Name = "VI_2", VirtualRouterId = 52, Version = 2, AdvertInt = "1", Priority = priority, AuthPass = "secret",
            VirtualAddresses = [$"{Vip2}/24"],
        }.ToConfigText() +
        new VrrpInstanceConfig
        {
            Name = "VI_6", VirtualRouterId = 53, Version = 3, AdvertInt = "1", Priority = priority, VirtualAddresses = [$"{Vip6}/64"],
        }.ToConfigText();

    private static string InstanceOf(string vrid) => vrid switch { "51" => "VI_1", "52" => "VI_2", "53" => "VI_6", _ => throw new ArgumentException(vrid) };

    private static (string Family, string Vrid, string Reason) Split(string kind)
    {
        var parts = kind.Split('/');
        return (parts[0], parts[1], parts[2]);
    }

    /// <summary>The daemon's drops that no instance claims (`drops` at the top of `vrrpd status --json`).</summary>
    private static Dictionary<string, long> Unclaimed(DaemonProcess daemon)
    {
        using var document = System.Text.Json.JsonDocument.Parse(daemon.Status().Json);
        return document.RootElement.TryGetProperty("drops", out var drops)
            ? drops.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64())
            : [];
    }

    /// <summary>
    /// The drops the kernel counted at the host's IPv6 raw sockets for protocol 112 (0x70): the last column of
    /// /proc/net/raw6, whose "port" is the protocol for raw sockets. A bad checksum under IPV6_CHECKSUM is one.
    /// </summary>
    private static long KernelDrops(Lab lab, LabHost host) =>
        lab.Exec(host, "cat", "/proc/net/raw6").EnsureSuccess().StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 13 && fields[1].EndsWith(":0070", StringComparison.Ordinal))
            .Sum(fields => long.Parse(fields[^1], System.Globalization.CultureInfo.InvariantCulture));

    private static Dictionary<string, VrrpdInstanceDetails> Snapshot(params DaemonProcess[] daemons)
    {
        var details = new Dictionary<string, VrrpdInstanceDetails>();
        foreach (var daemon in daemons)
        {
            var status = daemon.Status();
            foreach (var instance in status.Instances)
                details[$"{daemon.Host.Name}/{instance.Name}"] = status.Details(instance.Name);
        }

        return details;
    }
}
