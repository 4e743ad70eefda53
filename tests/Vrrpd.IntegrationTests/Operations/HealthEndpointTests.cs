using System.Diagnostics;
using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Operations;

/// <summary>
/// The health endpoints on metrics_listen (README, "Health endpoints"), asked with curl from inside each lab host as a
/// load balancer would: the role endpoint answers 200 on the Master and 503 on the Backup, and follows a failover.
/// </summary>
public sealed class HealthEndpointTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(8);

    [LabFact]
    public async Task RoleEndpoint_Is200OnTheMasterOnly_AndFollowsAFailover()
    {
        await using var lab = Lab.Create(2);
        var (primary, backup) = (lab[1], lab[2]);
        var a = lab.StartVrrpd(primary, OperationsConfig.Text(lab, primary, $"    metrics_listen {primary.Ipv4}:9650",
            new VrrpInstanceConfig { Priority = 150 }));
        var b = lab.StartVrrpd(backup, OperationsConfig.Text(lab, backup, $"    metrics_listen {backup.Ipv4}:9650",
            new VrrpInstanceConfig { Priority = 100 }));
        await Eventually.Until(() => lab.HasAddress(primary, Vip4), Settle, $"{Vip4} on {primary}", lab.Report);
        await Eventually.Until(() => Code(primary, "/healthz") == "200" && Code(backup, "/healthz") == "200", Settle,
            "both listeners answering /healthz", () => a.Describe() + b.Describe());

        Assert.Equal("200", Code(primary, "/v1/instances/VI_1"));
        Assert.Equal("503", Code(backup, "/v1/instances/VI_1"));
        Assert.Equal("404", Code(primary, "/v1/instances/NOPE"));
        var body = Command.Run("ip", ["netns", "exec", primary.Namespace, "curl", "-s", $"http://{primary.Ipv4}:9650/v1/instances/VI_1"],
            TimeSpan.FromSeconds(5)).EnsureSuccess().StdOut;
        Assert.Contains("\"role\":\"master\"", body);
        Assert.Contains($"\"master\":\"{primary.Ipv4}\"", body);

        // Failover: the loop publishes the roles at the transition itself, so the backup's endpoint says 200 as its VIP
        // comes up; the bound allows for curl's own start-up on a loaded machine (each probe is a process).
        VrrpdClient.Run(a, "demote", "VI_1").EnsureSuccess();
        var watch = Stopwatch.StartNew();
        TimeSpan? vipAt = null, endpointAt = null;
        while (watch.Elapsed < Settle && (vipAt is null || endpointAt is null))
        {
            if (vipAt is null && lab.HasAddress(backup, Vip4)) vipAt = watch.Elapsed;
            if (endpointAt is null && Code(backup, "/v1/instances/VI_1") == "200") endpointAt = watch.Elapsed;
        }

        Assert.True(vipAt is not null, $"{Vip4} never reached {backup}\n{lab.Report()}");
        Assert.True(endpointAt is not null, $"{backup}'s role endpoint never answered 200\n{b.Describe()}");
        Assert.True(endpointAt <= vipAt + TimeSpan.FromSeconds(1),
            $"the role endpoint flipped {(endpointAt - vipAt)!.Value.TotalMilliseconds:0} ms after the VIP moved");
        Assert.Equal("503", Code(primary, "/v1/instances/VI_1"));
    }

    /// <summary>The HTTP status of GET <paramref name="path"/> on the host's own listener.</summary>
    private static string Code(LabHost host, string path) =>
        Command.Run("ip", ["netns", "exec", host.Namespace, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2",
            $"http://{host.Ipv4}:9650{path}"], TimeSpan.FromSeconds(5)).StdOut.Trim();
}
