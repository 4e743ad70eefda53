namespace Vrrpd.IntegrationTests.Packaging;

/// <summary>The one-line STATUS= summary that `systemctl status vrrpd` shows.</summary>
public sealed class SystemdStatusLineTests
{
    private static string Format(params (string Name, string State, int Priority, IReadOnlyList<string> FaultReasons)[] instances) =>
        (string)VrrpdAssembly.CallStatic("Vrrpd.Daemon.Systemd.SystemdStatusLine", "Format",
            (IReadOnlyList<(string, string, int, IReadOnlyList<string>)>)instances.ToList())!;

    [Fact]
    public void Format_AFewInstances_ListsStateAndPriorityOfEach()
    {
        Assert.Equal("GPU_V4 Master 150, GPU_V6 Backup 100",
            Format(("GPU_V4", "Master", 150, []), ("GPU_V6", "Backup", 100, [])));
    }

    [Fact]
    public void Format_AFaultedInstance_ShowsItsFirstReasonInsteadOfThePriority()
    {
        Assert.Equal("VI_1 Fault (interface eth0 is down)",
            Format(("VI_1", "Fault", 0, ["interface eth0 is down", "tracker GPUS failed"])));
    }

    [Fact]
    public void Format_ManyInstances_CountsPerStateAndNamesTheFaulted()
    {
        var line = Format(
            ("A", "Master", 150, []), ("B", "Master", 150, []), ("C", "Backup", 100, []),
            ("D", "Backup", 100, []), ("E", "Fault", 0, ["eth1 down"]));
        Assert.Equal("5 instances: 2 Backup, 1 Fault, 2 Master; in Fault: E", line);
    }

    [Fact]
    public void Format_NoInstances_SaysSo()
    {
        Assert.Equal("no instances configured", Format());
    }
}
