using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Health;

/// <summary>
/// The GPU scenes' lab: host 1 (priority 150) tracks its fake GPU with <c>vrrp_track_gpu GPUS</c> (weight 0: a
/// failure is Fault, a priority-0 advert at once), host 2 (priority 100) tracks nothing. Ready once the primary
/// holds the VIP and its GPU check is ok.
/// </summary>
internal sealed class GpuLab : IAsyncDisposable
{
    /// <summary>Long enough for the primary's first Master_Down_Interval at advert_int 1 (3.41 s) plus start-up.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    private GpuLab(Lab lab, FakeNvml gpu, DaemonProcess primaryDaemon, DaemonProcess backupDaemon)
    {
        Lab = lab;
        Gpu = gpu;
        PrimaryDaemon = primaryDaemon;
        BackupDaemon = backupDaemon;
    }

    public Lab Lab { get; }

    /// <summary>The primary's GPU (host 1).</summary>
    public FakeNvml Gpu { get; }

    public DaemonProcess PrimaryDaemon { get; }

    public DaemonProcess BackupDaemon { get; }

    public LabHost Primary => Lab[1];

    public LabHost Backup => Lab[2];

    /// <param name="advertInt">"1" where the figures are about 1 s adverts, else "0.1".</param>
    /// <param name="trackerLines">The body of <c>vrrp_track_gpu GPUS { }</c>.</param>
    public static async Task<GpuLab> Start(string advertInt, string trackerLines, string gpuState = "count 1\n", bool classic = false)
    {
        var lab = Lab.Create(2);
        try
        {
            var gpu = FakeNvml.Install(lab, lab[1], gpuState, classic);
            var instance = new VrrpInstanceConfig { Version = 3, AdvertInt = advertInt };
            var primary = lab.StartVrrpd(lab[1], TrackedInstance.Compose(instance with { Priority = 150 }, $$"""
                global_defs {
                    nvml_library {{gpu.LibraryPath}}
                }

                vrrp_track_gpu GPUS {
                {{trackerLines}}
                }
                """, "track_gpu {\n    GPUS\n}"));
            var backup = lab.Start(DaemonKind.Vrrpd, lab[2], instance with { Priority = 100 });
            var gpuLab = new GpuLab(lab, gpu, primary, backup);
            await Eventually.Until(() => lab.HasAddress(lab[1], Vip4), Settle, $"{Vip4} on {lab[1]}", lab.Report);
            await Eventually.Until(() => gpuLab.Check().State == "ok", TimeSpan.FromSeconds(3), "the GPU check ok", gpuLab.Report);
            return gpuLab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    public TrackerCheck Check() => TrackerCheck.Read(PrimaryDaemon, "GPUS");

    public string PrimaryState() => PrimaryDaemon.Status().Instance("VI_1").State;

    /// <summary>The VIP on the backup only: the failover is complete.</summary>
    public bool VipMoved() => Lab.HasAddress(Backup, Vip4) && !Lab.HasAddress(Primary, Vip4);

    public bool VipOnPrimaryOnly() => Lab.HasAddress(Primary, Vip4) && !Lab.HasAddress(Backup, Vip4);

    /// <summary>The lab report plus the primary's GPU check, for assertion messages.</summary>
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

        return $"GPU check on {Primary.Name}: {check}\nfake-state:\n{File.ReadAllText(Gpu.StatePath)}\n{Lab.Report()}";
    }

    public ValueTask DisposeAsync() => Lab.DisposeAsync();
}
