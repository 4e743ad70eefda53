using System.Globalization;
using System.Text.Json;
using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Operations;

/// <summary>`vrrpd reload` and SIGHUP: incremental changes, no flap of what did not change, bad configs rejected.</summary>
public sealed class ReloadTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(8);
    private const int SIGHUP = 1;

    private static readonly VrrpInstanceConfig Vi1 = new() { Name = "VI_1", VirtualRouterId = 51, Priority = 150, Version = 3, AdvertInt = "0.1", VirtualAddresses = ["192.0.2.100/24"] };
    private static readonly VrrpInstanceConfig Vi2 = Vi1 with { Name = "VI_2", VirtualRouterId = 52, VirtualAddresses = ["192.0.2.101/24"] };
    private static readonly VrrpInstanceConfig Vi3 = Vi1 with { Name = "VI_3", VirtualRouterId = 53, VirtualAddresses = ["192.0.2.102/24"] };

    [LabFact]
    public async Task Reload_AddingAnInstanceAndChangingAVip_LeavesTheUntouchedInstanceWithoutTransitionOrAdvertGap()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var a = lab.StartVrrpd(primary, OperationsConfig.Text(lab, primary, "", Vi1, Vi2));
        lab.StartVrrpd(backup, OperationsConfig.Text(lab, backup, "", Vi1 with { Priority = 100 }));
        await Eventually.Until(() => lab.HasAddress(primary, Vip4) && lab.HasAddress(primary, "192.0.2.101"), Settle, "VI_1 and VI_2 Master on h1", lab.Report);
        var (vi1Before, vi2Before) = (Transitions(a, "VI_1"), Transitions(a, "VI_2"));
        using var capture = await Capture.StartAsync(lab, backup, "ip proto 112");
        await Task.Delay(TimeSpan.FromSeconds(1));

        File.WriteAllText(a.ConfigPath, OperationsConfig.Text(lab, primary, "", Vi1, Vi2 with { VirtualAddresses = ["192.0.2.103/24"] }, Vi3));
        var reload = VrrpdClient.Run(a, "reload");

        Assert.True(reload.Succeeded, $"{reload}\n{lab.Report()}");
        Assert.Contains("VI_3: added", reload.StdOut, StringComparison.Ordinal);
        Assert.Contains("VI_2: addresses -192.0.2.101/24, +192.0.2.103/24", reload.StdOut, StringComparison.Ordinal);
        Assert.True(lab.HasAddress(primary, "192.0.2.103") && !lab.HasAddress(primary, "192.0.2.101"), $"VI_2's VIP changed in place\n{lab.Report()}");
        await Eventually.Until(() => lab.HasAddress(primary, "192.0.2.102"), Settle, "VI_3 Master on h1", lab.Report);
        await Task.Delay(TimeSpan.FromSeconds(1));
        capture.Stop();

        Assert.Equal(vi1Before, Transitions(a, "VI_1"));
        Assert.Equal(vi2Before, Transitions(a, "VI_2"));   // its VIP changed in place: no transition
        var adverts = capture.Read("vrrp.virt_rtr_id == 51 && ip.src == " + primary.Ipv4, "vrrp.prio");
        Assert.True(adverts.Count > 20, $"{adverts.Count} adverts of VI_1 captured");
        var gaps = adverts.Zip(adverts.Skip(1), (x, y) => y.Time - x.Time).ToArray();
        var worst = gaps.Max();
        output.WriteLine($"reload: VI_1 adverts {adverts.Count}, largest gap {worst.ToString("0.000", CultureInfo.InvariantCulture)} s (interval 0.100 s)");
        // One interval, plus the scheduling jitter every gap has (a missed advert would show as >= 0.2 s).
        Assert.True(worst < 0.125, $"largest gap between VI_1 adverts {worst:0.000} s\n{lab.Report()}");
        Assert.All(adverts, p => Assert.Equal("150", p["vrrp.prio"]));
        var vi2Adverts = capture.Read("vrrp.virt_rtr_id == 52", "vrrp.ip_addr");
        Assert.Equal("192.0.2.103", vi2Adverts[^1]["vrrp.ip_addr"]);
    }

    [LabFact]
    public async Task Reload_OfAConfigWithErrors_IsRejectedWithDiagnostics_AndTheRunningOneKept()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var a = lab.StartVrrpd(host, OperationsConfig.Text(lab, host, "", Vi1));
        await Eventually.Until(() => lab.HasAddress(host, Vip4), Settle, "VI_1 Master", lab.Report);

        File.WriteAllText(a.ConfigPath, OperationsConfig.Text(lab, host, "", Vi1 with { Priority = 300 }));
        var reload = VrrpdClient.Run(a, "reload");

        Assert.Equal(5, reload.ExitCode);
        Assert.Contains($"{a.ConfigPath}:", reload.StdErr, StringComparison.Ordinal);
        Assert.Contains("error", reload.StdErr, StringComparison.Ordinal);
        Assert.Contains("the running one is kept", reload.StdErr, StringComparison.Ordinal);
        Assert.Equal(150, StatusJson.Instance(a, "VI_1").GetProperty("priority").GetInt32());
        Assert.True(lab.HasAddress(host, Vip4), lab.Report());
    }

    [LabFact]
    public async Task Sighup_ReloadsToo_RemovedMasterWithdrawsItsVip()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var a = lab.StartVrrpd(host, OperationsConfig.Text(lab, host, "", Vi1, Vi2));
        await Eventually.Until(() => lab.HasAddress(host, Vip4) && lab.HasAddress(host, "192.0.2.101"), Settle, "both Master", lab.Report);

        File.WriteAllText(a.ConfigPath, OperationsConfig.Text(lab, host, "", Vi1));
        Signals.Send(a.Pid, SIGHUP);

        await Eventually.Until(() => !lab.HasAddress(host, "192.0.2.101"), Settle, "VI_2 removed with its VIP", lab.Report);
        Assert.True(lab.HasAddress(host, Vip4), lab.Report());
        var status = JsonDocument.Parse(a.Status().Json).RootElement.GetProperty("instances");
        Assert.Equal(["VI_1"], status.EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.False(a.HasExited, "SIGHUP does not stop the daemon");
    }

    private static long Transitions(DaemonProcess daemon, string instance) =>
        StatusJson.Instance(daemon, instance).GetProperty("stats").GetProperty("transitions").GetInt64();
}
