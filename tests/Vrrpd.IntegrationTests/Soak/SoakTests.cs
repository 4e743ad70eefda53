using Vrrpd.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace Vrrpd.IntegrationTests.Soak;

/// <summary>
/// The CI-length soak (issue 5): tests/soak/run.sh for 2 minutes, a pair with 100 instances at 0.1 s adverts whose
/// master's link flaps every 10 s (12 failovers and failbacks of all 100 instances). The documented hour is the same
/// script with its default duration.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);
    // The 2 minutes of flapping, about 10 s to build the lab and start the pair, a few to tear it down.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(170);

    [LabFact]
    public void HundredInstancesWithLinkFlaps_RssGrowsUnderFiveMiB_AndEveryTransitionIsTheExpectedOne()
    {
        var soak = SoakResult.Run(Duration, Timeout);
        output.WriteLine(soak.Output);

        Assert.True(soak.Hosts.Count == 2, $"the soak wrote no summary (exit {soak.ExitCode}):\n{soak.Output}");
        Assert.Equal(12, soak.Flaps);
        foreach (var host in soak.Hosts)
        {
            Assert.True(host.RssGrowthKib <= soak.RssLimitKib, $"{host}: RSS grew more than {soak.RssLimitKib} KiB\n{soak.Output}");
            Assert.True(host.UnexpectedTransitions == 0, $"{host}\n{soak.Output}");
            Assert.True(host.FdsEnd <= host.FdsStart, $"{host}: file descriptors leaked\n{soak.Output}");
        }

        Assert.Equal(0, soak.ExitCode);
    }
}
