using System.Text.Json;
using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests;

/// <summary>
/// keepalived's vrrp_script on the master: a weight-0 failure puts it in Fault (priority 0 sent, VIPs withdrawn),
/// so the backup takes over after Skew_Time; a negative weight below the backup's priority moves the VIP after the
/// backup's down interval. The script tests a flag file in the lab's directory, which every namespace sees.
/// </summary>
public sealed class VrrpdTrackScriptTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(8);

    /// <summary>The master's config: the instance plus a vrrp_script that fails while <paramref name="flag"/> exists.</summary>
    private static string WithScript(VrrpInstanceConfig instance, string flag, string scriptLines, string trackLine)
    {
        var text = instance.ToConfigText().TrimEnd();
        var body = text[..text.LastIndexOf('}')];
        return $$"""
            vrrp_script chk {
                script "/bin/sh -c 'test ! -e {{flag}}'"
            {{scriptLines}}
            }

            {{body}}    track_script {
                    {{trackLine}}
                }
            }

            """;
    }

    private static JsonElement Check(DaemonProcess daemon, string name)
    {
        using var document = JsonDocument.Parse(daemon.Status().Json);
        var instance = document.RootElement.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "VI_1");
        return instance.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).Clone();
    }

    private static int EffectivePriority(DaemonProcess daemon)
    {
        using var document = JsonDocument.Parse(daemon.Status().Json);
        return document.RootElement.GetProperty("instances")[0].GetProperty("effectivePriority").GetInt32();
    }

    [LabFact]
    public async Task WeightZeroScriptFails_BackupTakesOverWithinIntervalPlusSkew_AndPrimaryReturnsAfterRise()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var flag = Path.Combine(lab.WorkDirectory, "fail-h1");
        // advert_int 1 s: Skew_Time of the backup (priority 100) is 0.609 s, far from its 3.609 s down interval.
        var slow = new VrrpInstanceConfig { Version = 3, AdvertInt = "1" };
        var a = lab.StartVrrpd(primary, WithScript(slow with { Priority = 150 }, flag, "interval 0.2\n    rise 2\n    fall 1", "chk"));
        lab.Start(DaemonKind.Vrrpd, backup, slow with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);
        await Eventually.Until(() => Check(a, "chk").GetProperty("state").GetString() == "ok", TimeSpan.FromSeconds(2), "check chk ok", lab.Report);

        File.WriteAllText(flag, "");

        var took = await Eventually.Until(() => lab.HasAddress(backup, Vip4), Settle, $"{Vip4} on {backup} after the script failed", lab.Report);
        // interval 0.2 s + Skew_Time 0.609 s + process start and polling slack; a full down interval would be 3.6 s.
        Assert.True(took < TimeSpan.FromSeconds(1.6), $"takeover took {took.TotalSeconds:0.000} s\n{lab.Report()}");
        Assert.False(lab.HasAddress(primary, Vip4), $"the faulted primary withdrew {Vip4}\n{lab.Report()}");
        var check = Check(a, "chk");
        Assert.Equal("failed", check.GetProperty("state").GetString());
        Assert.Equal(0, check.GetProperty("weight").GetInt32());
        Assert.Equal("script", check.GetProperty("kind").GetString());
        Assert.Equal("Fault", a.Status().Instance("VI_1").State);

        File.Delete(flag);

        // rise 2 × 0.2 s, then Backup with a fresh down timer (3.41 s at priority 150), then it preempts.
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), Settle,
            $"{Vip4} back on {primary} after the script recovered", lab.Report);
        Assert.Equal("ok", Check(a, "chk").GetProperty("state").GetString());
    }

    [LabFact]
    public async Task NegativeWeightBelowBackupPriority_MovesVip_AndItComesBackOnRecovery()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var flag = Path.Combine(lab.WorkDirectory, "fail-h1");
        var fast = new VrrpInstanceConfig { Version = 3, AdvertInt = "0.1" };
        var a = lab.StartVrrpd(primary, WithScript(fast with { Priority = 150 }, flag, "interval 0.2\n    weight -60", "chk"));
        lab.Start(DaemonKind.Vrrpd, backup, fast with { Priority = 100 });
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);

        File.WriteAllText(flag, "");

        // 150 − 60 = 90 < 100: advertised at once; the backup ignores the lower priority and its down timer
        // (0.36 s at 100 ms adverts) expires.
        var took = await Eventually.Until(() => lab.HasAddress(backup, Vip4) && !lab.HasAddress(primary, Vip4), Settle,
            $"{Vip4} moves to {backup} once the primary advertises 90", lab.Report);
        Assert.True(took < TimeSpan.FromSeconds(2), $"takeover took {took.TotalSeconds:0.000} s\n{lab.Report()}");
        Assert.Equal(90, EffectivePriority(a));
        var check = Check(a, "chk");
        Assert.Equal(-60, check.GetProperty("appliedDelta").GetInt32());
        Assert.Equal("Backup", a.Status().Instance("VI_1").State);

        File.Delete(flag);

        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && !lab.HasAddress(backup, Vip4), Settle,
            $"{Vip4} back on {primary} at priority 150", lab.Report);
        Assert.Equal(150, EffectivePriority(a));
    }
}
