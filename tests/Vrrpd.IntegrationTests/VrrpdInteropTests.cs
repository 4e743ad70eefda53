using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests;

/// <summary>vrrpd and keepalived 2.2.7 in one virtual router, each in each role, VRRPv3 and VRRPv2 + PASS.</summary>
public sealed class VrrpdInteropTests
{
    [LabTheory(NeedsKeepalived = true)]
    [InlineData(3, DaemonKind.Vrrpd, DaemonKind.Keepalived)]
    [InlineData(3, DaemonKind.Keepalived, DaemonKind.Vrrpd)]
    [InlineData(2, DaemonKind.Vrrpd, DaemonKind.Keepalived)]
    [InlineData(2, DaemonKind.Keepalived, DaemonKind.Vrrpd)]
    public async Task HigherPriorityDaemon_HoldsVip_AndPeerTakesOverWhenItIsKilled(int version, DaemonKind masterKind, DaemonKind backupKind)
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        // VRRPv2 intervals are whole seconds and keepalived drops v2 adverts whose interval differs from its own.
        var config = version == 3
            ? new VrrpInstanceConfig { Version = 3, AdvertInt = "0.1" }
            : new VrrpInstanceConfig { Version = 2, AdvertInt = "1", AuthPass = "secret1" };
        var settle = TimeSpan.FromSeconds(version == 3 ? 4 : 7);
        var master = lab.Start(masterKind, primary, config with { Priority = 150 });
        lab.Start(backupKind, backup, config with { Priority = 100 });

        await Eventually.Until(() => lab.HasAddress(primary, Vip4), settle, $"{Vip4} on {masterKind} ({primary})", lab.Report);
        // Longer than the backup's down interval: it understands the master's adverts and stays Backup.
        var downInterval = TimeSpan.FromSeconds(version == 3 ? 0.36 : 3.61);
        await Eventually.Holds(() => !lab.HasAddress(backup, Vip4), downInterval + TimeSpan.FromSeconds(0.5),
            $"{Vip4} not on {backupKind} ({backup}): it accepts {masterKind}'s v{version} adverts", lab.Report);

        master.Kill();

        await Eventually.Until(() => lab.HasAddress(backup, Vip4), settle,
            $"{Vip4} on {backupKind} ({backup}) after {masterKind} was killed", lab.Report);
    }

    /// <summary>
    /// keepalived's unicast mode: adverts go to each peer, and the VRRPv3/IPv4 checksum's pseudo-header carries
    /// the peer's address as destination (keepalived ≥ 1.3.6), so this also pins that detail of the wire format.
    /// </summary>
    [LabTheory(NeedsKeepalived = true)]
    [InlineData(DaemonKind.Vrrpd, DaemonKind.Keepalived)]
    [InlineData(DaemonKind.Keepalived, DaemonKind.Vrrpd)]
    public async Task UnicastPeers_InteroperateInEachRole(DaemonKind masterKind, DaemonKind backupKind)
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var config = new VrrpInstanceConfig { Version = 3, AdvertInt = "0.1" };
        var master = lab.Start(masterKind, primary, config with
        {
            Priority = 150, UnicastSourceIp = primary.Ipv4.ToString(), UnicastPeers = [backup.Ipv4.ToString()],
        });
        lab.Start(backupKind, backup, config with
        {
            Priority = 100, UnicastSourceIp = backup.Ipv4.ToString(), UnicastPeers = [primary.Ipv4.ToString()],
        });

        await Eventually.Until(() => lab.HasAddress(primary, Vip4), TimeSpan.FromSeconds(4), $"{Vip4} on {masterKind} ({primary})", lab.Report);
        await Eventually.Holds(() => !lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(1),
            $"{Vip4} not on {backupKind} ({backup}): it accepts {masterKind}'s unicast adverts", lab.Report);

        master.Kill();

        await Eventually.Until(() => lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(4),
            $"{Vip4} on {backupKind} ({backup}) after {masterKind} was killed", lab.Report);
    }
}
