using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Health;

/// <summary>
/// The container scenes' lab: host 1 (priority 150) tracks a busybox container of the private Podman with
/// <c>vrrp_track_container APP</c> (weight 0), host 2 (priority 100) tracks nothing. The daemon in host 1's
/// namespace reaches the engine through its unix socket on the shared filesystem. Ready once the primary holds
/// the VIP and its container check is ok.
/// </summary>
internal sealed class ContainerLab : IAsyncDisposable
{
    private ContainerLab(Lab lab, PodmanService podman, string container, DaemonProcess primaryDaemon, NamespaceHttpd? httpd)
    {
        Lab = lab;
        Podman = podman;
        Container = container;
        PrimaryDaemon = primaryDaemon;
        Httpd = httpd;
    }

    public Lab Lab { get; }

    public PodmanService Podman { get; }

    /// <summary>The tracked container's name (unique per test).</summary>
    public string Container { get; }

    public DaemonProcess PrimaryDaemon { get; }

    /// <summary>busybox httpd in the primary's namespace when the tracker has an http_get, else null.</summary>
    public NamespaceHttpd? Httpd { get; }

    public LabHost Primary => Lab[1];

    public LabHost Backup => Lab[2];

    /// <param name="trackerLines">Timing lines of the tracker (engine and container are filled in).</param>
    /// <param name="withHttpGet">Adds <c>http_get</c> against busybox httpd in the primary's namespace.</param>
    public static async Task<ContainerLab> Start(PodmanService podman, string advertInt, string trackerLines, bool withHttpGet = false)
    {
        var lab = Lab.Create(2);
        try
        {
            var container = $"{lab.Id}-app";
            podman.RunSleeper(container);
            var httpd = withHttpGet ? NamespaceHttpd.Start(lab, lab[1]) : null;
            var instance = new VrrpInstanceConfig { Version = 3, AdvertInt = advertInt };
            var started = System.Diagnostics.Stopwatch.StartNew();
            var primary = lab.StartVrrpd(lab[1], TrackedInstance.Compose(instance with { Priority = 150 }, $$"""
                vrrp_track_container APP {
                    engine {{podman.SocketPath}}
                    container {{container}}
                {{trackerLines}}
                {{(httpd is null ? "" : $"    http_get {httpd.StatusUrl}")}}
                }
                """, "track_container {\n    APP\n}"));
            lab.Start(DaemonKind.Vrrpd, lab[2], instance with { Priority = 100 });
            var containerLab = new ContainerLab(lab, podman, container, primary, httpd);
            await Eventually.Until(() => lab.HasAddress(lab[1], Vip4), GpuLab.Settle, $"{Vip4} on {lab[1]}", containerLab.Report);
            containerLab.StartToVip = started.Elapsed;
            await Eventually.Until(() => containerLab.Check().State == "ok", TimeSpan.FromSeconds(3), "the container check ok", containerLab.Report);
            return containerLab;
        }
        catch
        {
            podman.Podman("rm", "-f", "-t", "0", $"{lab.Id}-app");
            lab.Dispose();
            throw;
        }
    }

    /// <summary>From starting the primary's vrrpd to the VIP on it (the first container check included).</summary>
    public TimeSpan StartToVip { get; private set; }

    public TrackerCheck Check() => TrackerCheck.Read(PrimaryDaemon, "APP");

    public string PrimaryState() => PrimaryDaemon.Status().Instance("VI_1").State;

    /// <summary>The container's main process, as the engine reports it.</summary>
    public int ContainerPid() =>
        int.Parse(Podman.Podman("inspect", "-f", "{{.State.Pid}}", Container).EnsureSuccess().StdOut.Trim(),
            System.Globalization.CultureInfo.InvariantCulture);

    public bool VipMoved() => Lab.HasAddress(Backup, Vip4) && !Lab.HasAddress(Primary, Vip4);

    public bool VipOnPrimaryOnly() => Lab.HasAddress(Primary, Vip4) && !Lab.HasAddress(Backup, Vip4);

    public string Report()
    {
        string check;
        try
        {
            check = Check().Json;
        }
        catch (Exception e)
        {
            check = $"(unreadable: {e.Message})";
        }

        var state = Podman.Podman("ps", "-a", "--filter", $"name={Container}", "--format", "{{.Names}} {{.Status}}");
        return $"container check on {Primary.Name}: {check}\npodman: {state.StdOut.Trim()}{state.StdErr.Trim()}\n{Lab.Report()}";
    }

    public ValueTask DisposeAsync()
    {
        Podman.Podman("rm", "-f", "-t", "0", Container);
        return Lab.DisposeAsync();
    }
}
