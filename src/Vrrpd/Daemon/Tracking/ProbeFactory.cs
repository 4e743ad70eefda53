using Vrrpd.Configuration;
using Vrrpd.Health;
using Vrrpd.Linux.Health;
using Vrrpd.Linux.Health.Container;
using Vrrpd.Linux.Health.Gpu;
using Vrrpd.Linux.Health.Neighbor;
using Vrrpd.Linux.Health.Processes;
using Vrrpd.Logging;

namespace Vrrpd.Daemon.Tracking;

/// <summary>
/// The probe factory keyed by tracker kind. <see cref="CreateDefault"/> registers the built-in kinds: scripts and
/// files (keepalived's), GPUs through NVML, containers through the engine API
/// and neighbours through ARP or ICMP (vrrpd's own), processes through the kernel's process events (keepalived's). Tests register
/// their own probes instead.
/// </summary>
internal sealed class ProbeFactory : IProbeFactory
{
    private readonly Dictionary<TrackerKind, Func<TrackerDefinition, IHealthProbe>> _creators = new();

    public static ProbeFactory CreateDefault(GlobalDefinitions global, Log log)
    {
        var factory = new ProbeFactory();
        factory.Register(TrackerKind.Script, d => new ScriptProbe((ScriptTrackerConfig)d.Config));
        factory.Register(TrackerKind.File, d => new FileProbe((FileTrackerConfig)d.Config));
        factory.Register(TrackerKind.Gpu, d =>
        {
            var gpuLog = log.For($"gpu {d.Name}");
            return new GpuProbe((GpuTrackerConfig)d.Config, new GpuProbeOptions { LibraryPath = global.NvmlLibrary, Log = gpuLog.Warning });
        });
        factory.Register(TrackerKind.Container, d => new ContainerProbe((ContainerTrackerConfig)d.Config));
        factory.Register(TrackerKind.Neighbor, d => new NeighborProbe((NeighborTrackerConfig)d.Config));
        factory.Register(TrackerKind.Process, d => new ProcessProbe((ProcessTrackerConfig)d.Config));
        return factory;
    }

    public void Register(TrackerKind kind, Func<TrackerDefinition, IHealthProbe> create) => _creators[kind] = create;

    public bool Supports(TrackerKind kind) => _creators.ContainsKey(kind);

    public IHealthProbe Create(TrackerDefinition definition) =>
        _creators.TryGetValue(definition.Kind, out var create)
            ? create(definition)
            : throw new NotSupportedException($"{definition.Label}: no probe for {definition.Kind} trackers in this build");
}
