using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests;

/// <summary>A vrrpd that dies without cleaning up, and what its next start does about it.</summary>
public sealed class VrrpdCrashTests
{
    private static readonly VrrpInstanceConfig Fast = new() { Version = 3, AdvertInt = "0.1" };

    [LabFact]
    public async Task SigkilledMaster_LeavesItsVip_AndRestartingVrrpdRemovesIt()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var a = lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 150 });
        lab.Start(DaemonKind.Vrrpd, backup, Fast with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), TimeSpan.FromSeconds(6), $"{Vip4} on {primary}", lab.Report);

        a.Kill();

        Assert.True(a.WaitForExit(TimeSpan.FromSeconds(3)), lab.Report());
        await Eventually.Until(() => lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(3), $"{Vip4} on {backup}", lab.Report);
        // No process, no cleanup: the kernel keeps the address (keepalived behaves the same, its #2361).
        Assert.True(lab.HasAddress(primary, Vip4), $"SIGKILL cannot remove the VIP\n{lab.Report()}");

        // Restarted below the peer's priority it stays Backup, so only its start-up cleanup can remove the stale VIP.
        lab.Start(DaemonKind.Vrrpd, primary, Fast with { Priority = 50 });

        await Eventually.Until(() => !lab.HasAddress(primary, Vip4), TimeSpan.FromSeconds(3),
            $"the restarted vrrpd removes the stale {Vip4} from {primary}", lab.Report);
        Assert.True(lab.HasAddress(backup, Vip4), lab.Report());
    }
}
