using Vrrpd.StateMachine;

namespace Vrrpd.Status;

/// <summary>One instance's role as the event loop last published it.</summary>
internal sealed record InstanceRole(string Name, byte Vrid, string Interface, VrrpState State, byte EffectivePriority,
    string? MasterAddress, DateTimeOffset? Since);

/// <summary>
/// Every instance's role, published by the event loop after each state change, start and reload, and read from any
/// thread without asking the loop (docs/design/event-loop.md §7): the health endpoints a load balancer polls must
/// neither wait for the loop nor delay it. Immutable; a new one replaces the old whole.
/// </summary>
internal sealed class InstanceRoles(DateTimeOffset publishedAt, IReadOnlyList<InstanceRole> instances)
{
    public static readonly InstanceRoles None = new(DateTimeOffset.MinValue, []);

    private readonly Dictionary<string, InstanceRole> _byName = instances.ToDictionary(i => i.Name, StringComparer.Ordinal);

    public DateTimeOffset PublishedAt { get; } = publishedAt;

    public IReadOnlyList<InstanceRole> Instances { get; } = instances;

    public InstanceRole? Find(string name) => _byName.GetValueOrDefault(name);
}
