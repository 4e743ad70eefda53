using Vrrpd.Configuration;
using Vrrpd.Health;
using Vrrpd.Linux.Health;

namespace Vrrpd.Daemon.Tracking;

/// <summary>
/// The probe factory keyed by tracker kind. <see cref="CreateDefault"/> registers the built-in kinds: script and
/// file here; GPU (NVML) and container (engine API) probes are registered the same way where they are built:
/// <c>factory.Register(TrackerKind.Gpu, d => new NvmlProbe((GpuTrackerConfig)d.Config, global.NvmlLibrary))</c>.
/// </summary>
internal sealed class ProbeFactory : IProbeFactory
{
    private readonly Dictionary<TrackerKind, Func<TrackerDefinition, IHealthProbe>> _creators = new();

    public static ProbeFactory CreateDefault(GlobalDefinitions global)
    {
        _ = global; // NVML's library path lives here, for the GPU probe.
        var factory = new ProbeFactory();
        factory.Register(TrackerKind.Script, d => new ScriptProbe((ScriptTrackerConfig)d.Config));
        factory.Register(TrackerKind.File, d => new FileProbe((FileTrackerConfig)d.Config));
        return factory;
    }

    public void Register(TrackerKind kind, Func<TrackerDefinition, IHealthProbe> create) => _creators[kind] = create;

    public bool Supports(TrackerKind kind) => _creators.ContainsKey(kind);

    public IHealthProbe Create(TrackerDefinition definition) =>
        _creators.TryGetValue(definition.Kind, out var create)
            ? create(definition)
            : throw new NotSupportedException($"{definition.Label}: no probe for {definition.Kind} trackers in this build");
}
