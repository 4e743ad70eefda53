using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Operations;

/// <summary>notify_fifo + notify_fifo_script, the generic notify of a vrrp_sync_group, and the accounts notify
/// scripts run as.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NotifyTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(8);

    private static readonly VrrpInstanceConfig Vi1 = new() { Name = "VI_1", VirtualRouterId = 51, Priority = 150, VirtualAddresses = ["192.0.2.100/24"] };
    private static readonly VrrpInstanceConfig Vi2 = Vi1 with { Name = "VI_2", VirtualRouterId = 52, VirtualAddresses = ["192.0.2.101/24"] };

    [LabFact]
    public async Task NotifyFifo_GetsOrderedInstanceAndGroupLines_ThroughTheFifoScript_AndGroupNotifyRuns()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var dir = lab.WorkDirectory;
        var fifo = Path.Combine(dir, "notify.fifo");
        var fifoOut = Path.Combine(dir, "fifo.out");
        var notifyOut = Path.Combine(dir, "notify.out");
        var reader = Script(dir, "fifo-reader.sh", $"exec cat \"$1\" >> {fifoOut}");
        var notify = Script(dir, "notify.sh", $"echo \"$*\" >> {notifyOut}");
        var config = OperationsConfig.Text(lab, host, $"""
                notify_fifo {fifo}
                notify_fifo_script {reader}
            """, Vi1, Vi2) + $$"""
            vrrp_sync_group G1 {
                group {
                    VI_1
                    VI_2
                }
                notify {{notify}}
            }
            """;
        var daemon = lab.StartVrrpd(host, config);
        await Eventually.Until(() => lab.HasAddress(host, Vip4) && lab.HasAddress(host, "192.0.2.101"), Settle, "G1 Master", lab.Report);

        await Eventually.Until(() => Lines(fifoOut).Contains("GROUP \"G1\" MASTER 0"), TimeSpan.FromSeconds(3), "the GROUP MASTER line in the FIFO",
            () => $"{string.Join('\n', Lines(fifoOut))}\n{lab.Report()}");
        var lines = Lines(fifoOut);
        foreach (var name in new[] { "VI_1", "VI_2" })
        {
            var backup = lines.IndexOf($"INSTANCE \"{name}\" BACKUP 150");
            var master = lines.IndexOf($"INSTANCE \"{name}\" MASTER 150");
            Assert.True(backup >= 0 && master > backup, $"{name}: BACKUP then MASTER in\n{string.Join('\n', lines)}");
            Assert.True(lines.IndexOf("GROUP \"G1\" MASTER 0") > master, $"GROUP MASTER after {name} MASTER in\n{string.Join('\n', lines)}");
        }
        Assert.True(lines.IndexOf("GROUP \"G1\" BACKUP 0") is var groupBackup && groupBackup >= 0 && groupBackup < lines.IndexOf("GROUP \"G1\" MASTER 0"),
            string.Join('\n', lines));
        await Eventually.Until(() => Lines(notifyOut).Contains("GROUP G1 MASTER 0"), TimeSpan.FromSeconds(3), "the group's generic notify",
            () => string.Join('\n', Lines(notifyOut)));
        Assert.Single(Lines(notifyOut), l => l == "GROUP G1 MASTER 0");

        daemon.Terminate();
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(5)), lab.Report());
        await Eventually.Until(() => Lines(fifoOut).Contains("INSTANCE \"VI_1\" STOP 150"), TimeSpan.FromSeconds(3), "STOP lines on shutdown",
            () => string.Join('\n', Lines(fifoOut)));
    }

    [LabFact]
    public async Task NotifyFifo_WithoutAReader_NeverBlocksTheDaemon()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        var fifo = Path.Combine(lab.WorkDirectory, "nobody-reads.fifo");
        var daemon = lab.StartVrrpd(host, OperationsConfig.Text(lab, host, $"    vrrp_notify_fifo {fifo}", Vi1));

        await Eventually.Until(() => lab.HasAddress(host, Vip4), Settle, $"{Vip4} on {host}", lab.Report);

        Assert.Equal("Master", daemon.Status().Instance("VI_1").State);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fifo));
        var type = Command.Run("stat", "-c", "%F", fifo).EnsureSuccess().StdOut.Trim();
        Assert.Equal("fifo", type);
    }

    /// <summary>keepalived runs a notify command as the USER GROUP written after it, else as script_user; vrrpd
    /// did run them as root (docs/design/keepalived-compatibility.md §12). The script records the ids and
    /// capabilities it really ran with.</summary>
    [LabFact]
    public async Task NotifyScripts_RunAsTheUserAndGroupTheyName_OrAsScriptUser_WithNothingOfRootKept()
    {
        await using var lab = Lab.Create(1);
        var host = lab[1];
        // The accounts must reach the script and write their answers: a directory of its own, not the lab's (0700).
        var dir = Directory.CreateTempSubdirectory("vrrpd-notify-user-").FullName;
        try
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
            var id = Script(dir, "id.sh", "grep -E '^(Uid|Gid|Groups|CapInh|CapPrm|CapEff|CapAmb):' /proc/self/status > \"$1\"");
            var config = OperationsConfig.Text(lab, host, "    script_user nobody", Vi1, Vi2) + $$"""
                vrrp_sync_group G1 {
                    group {
                        VI_1
                        VI_2
                    }
                    notify_master "{{id}} {{dir}}/master.out" daemon daemon
                    notify "{{id}} {{dir}}/notify.out"
                }
                """;
            lab.StartVrrpd(host, config);
            var master = Path.Combine(dir, "master.out");
            var notify = Path.Combine(dir, "notify.out");
            await Eventually.Until(() => Lines(master).Count == 7 && Lines(notify).Count == 7, Settle + Settle, "both notify scripts' answers", lab.Report);

            AssertRanAs(Lines(master), uid: 1, gid: 1);            // daemon:daemon, as written after the command
            AssertRanAs(Lines(notify), uid: 65534, gid: 65534);    // script_user nobody, its primary group
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void AssertRanAs(List<string> status, int uid, int gid)
    {
        string Field(string name) => status.Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();
        Assert.Equal($"{uid}\t{uid}\t{uid}\t{uid}", Field("Uid"));   // real, effective, saved, filesystem
        Assert.Equal($"{gid}\t{gid}\t{gid}\t{gid}", Field("Gid"));
        Assert.Equal($"{gid}", Field("Groups"));                     // keepalived's setgroups(1, &gid)
        foreach (var set in new[] { "CapInh", "CapPrm", "CapEff", "CapAmb" }) Assert.Equal("0000000000000000", Field(set));
    }

    private static string Script(string directory, string name, string body)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    private static List<string> Lines(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).ToList() : [];
}
