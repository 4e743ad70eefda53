using Vrrpd.Configuration;
using Vrrpd.Health;

namespace Vrrpd.Daemon.Tracking;

/// <summary>Makes the probe for a configured tracker; one creator per <see cref="TrackerKind"/>.</summary>
internal interface IProbeFactory
{
    /// <summary>Whether a probe of this kind can be made in this build.</summary>
    bool Supports(TrackerKind kind);

    IHealthProbe Create(TrackerDefinition definition);
}
