using System.Diagnostics;
using Vrrpd.Linux.Health.Processes;
using Vrrpd.Linux.Tests.Namespaces;

namespace Vrrpd.Linux.Tests.Health;

/// <summary>
/// The process events connector exists in the initial network namespace only; a tracker in another one (vrrpd
/// under `ip netns exec`) subscribes from the initial one and gets the machine's events all the same
/// (docs/design/process-tracking.md §7).
/// </summary>
[Collection(NamespacePairCollection.Name)]
public sealed class ProcessEventSocketNamespaceTests(NamespacePair pair)
{
    [ProcessEventsFact]
    public void OpenedInAnotherNetworkNamespace_Subscribes_AndSeesAnExec()
    {
        using ProcessEventSocket socket = NamespaceThread.Run(pair.A, () => ProcessEventSocket.Open(TimeSpan.FromSeconds(2)));
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var watch = Stopwatch.StartNew();
            bool seen = false;
            while (!seen && watch.Elapsed < TimeSpan.FromSeconds(5))
            {
                int errno = socket.ReceiveAll(e => seen |= e.Kind == ProcessEventKind.Exec && e.Tgid == sleeper.Id);
                Assert.Equal(0, errno);
                if (!seen) Thread.Sleep(10);
            }

            Assert.True(seen, $"no exec event for pid {sleeper.Id} within {watch.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }
}
