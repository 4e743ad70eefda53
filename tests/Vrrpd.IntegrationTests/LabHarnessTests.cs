using System.Diagnostics;
using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests;

/// <summary>The lab cleans up after itself and after crashed runs.</summary>
public sealed class LabHarnessTests
{
    [LabFact(NeedsKeepalived = true)]
    public async Task LabDispose_RemovesEveryNamespaceAndProcess()
    {
        string id;
        int pid;
        await using (var lab = Lab.Create(2))
        {
            id = lab.Id;
            pid = lab.Start(DaemonKind.Keepalived, lab[1], new VrrpInstanceConfig()).Pid;
            Assert.Equal(3, NamespaceSweeper.ListNamespaces().Count(n => n.StartsWith(id + "-", StringComparison.Ordinal)));
        }

        Assert.DoesNotContain(NamespaceSweeper.ListNamespaces(), n => n.StartsWith(id + "-", StringComparison.Ordinal));
        Assert.False(Directory.Exists($"/proc/{pid}"), $"keepalived (pid {pid}) outlived the lab");
    }

    [LabFact]
    public void Sweeper_RemovesNamespacesOfDeadRuns_AndKeepsLiveOnes()
    {
        using var finished = Process.Start("true")!;
        finished.WaitForExit();
        var stale = $"{NamespaceSweeper.Prefix}{finished.Id}-1-sw";
        var live = $"{NamespaceSweeper.Prefix}{Environment.ProcessId}-999-sw";
        try
        {
            Lab.Ip("netns", "add", stale);
            Lab.Ip("netns", "add", live);

            NamespaceSweeper.Sweep();

            var left = NamespaceSweeper.ListNamespaces();
            Assert.DoesNotContain(stale, left);
            Assert.Contains(live, left);
        }
        finally
        {
            Command.Run("ip", "netns", "del", stale);
            Command.Run("ip", "netns", "del", live);
        }
    }
}
