using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests;

/// <summary>
/// The lab proven with keepalived alone: if these fail, the harness is broken, not vrrpd.
/// </summary>
public sealed class KeepalivedLabTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    [LabFact(NeedsKeepalived = true)]
    public async Task KeepalivedPair_VipOnHigherPriorityHost_MovesWhenItIsCutOff()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var config = new VrrpInstanceConfig { Version = 3, AdvertInt = "0.1" };
        lab.Start(DaemonKind.Keepalived, primary, config with { Priority = 150 });
        lab.Start(DaemonKind.Keepalived, backup, config with { Priority = 100 });

        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);
        // Longer than the backup's Master_Down_Interval (0.36 s): it hears the primary and stays Backup.
        await Eventually.Holds(() => !lab.HasAddress(backup, Vip4), TimeSpan.FromSeconds(1), $"{Vip4} not on {backup}", lab.Report);

        lab.CutOff(primary);

        await Eventually.Until(() => lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {backup} after {primary} was cut off", lab.Report);
        Assert.True(lab.HasAddress(primary, Vip4), $"a silent loss leaves the cut-off primary believing it is Master\n{lab.Report()}");
    }
}
