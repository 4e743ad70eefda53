using System.Net.Sockets;
using Vrrpd.Status;

namespace Vrrpd.Daemon;

internal sealed partial class VrrpDaemon
{
    private volatile InstanceRoles _roles = InstanceRoles.None;

    /// <summary>Every instance's role as the loop last published it; any thread, without asking the loop.</summary>
    public InstanceRoles Roles => _roles;

    /// <summary>On the loop, after every state change, start and reload: a new snapshot replaces the old whole.</summary>
    private void PublishRoles() => _roles = new InstanceRoles(_context.Time.GetUtcNow(), _instances.Select(i => new InstanceRole(
        i.Config.Name, i.Config.VirtualRouterId, i.Config.Interface, i.State, i.Router?.EffectivePriority ?? i.Config.Priority,
        i.Router?.MasterAddress?.ToString(), i.Router?.LastTransition?.At)).ToArray());

    /// <summary>A consistent snapshot of every instance for `vrrpd status`, taken on the loop between two events.</summary>
    public StatusReport Snapshot() => _loop.Invoke(() => new StatusReport
    {
        Version = VersionInfo.Version,
        GeneratedAt = _context.Time.GetUtcNow(),
        Instances = _instances.Select(Describe).ToArray(),
        Drops = _context.UnclaimedDrops.Drops,
    }, LoopAnswerTimeout);

    private static InstanceStatus Describe(InstanceRuntime instance)
    {
        var config = instance.Config;
        var router = instance.Router;
        return new InstanceStatus
        {
            Name = config.Name,
            Vrid = config.VirtualRouterId,
            Interface = config.Interface,
            Family = config.Family == AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4",
            Version = (int)config.Version,
            State = instance.State.ToString(),
            Priority = config.Priority,
            EffectivePriority = router?.EffectivePriority ?? config.Priority,
            AdvertIntervalMs = (router?.MasterAdverInterval ?? config.AdvertisementInterval).TotalMilliseconds,
            MasterAddress = router?.MasterAddress?.ToString(),
            VirtualAddresses = config.VirtualAddresses.Select(v => $"{v.Address}/{v.PrefixLength}").ToArray(),
            FaultReasons = instance.FaultReasons,
            LastTransition = router?.LastTransition is { } t
                ? new TransitionStatus { At = t.At, From = t.From.ToString(), To = t.To.ToString(), Reason = t.Reason }
                : null,
            Checks = instance.DescribeChecks(),
            Demoted = router?.DemotedBecause,
            Ownership = instance.Ownership is { } gate ? new OwnershipStatus
            {
                Name = gate.Config.Ownership.Name,
                Key = gate.Config.Key,
                State = gate.Claim.State.ToString(),
                MayHoldAddresses = gate.Claim.MayHoldAddresses,
                WaitingForOwnership = router?.WaitingForPermit ?? false,
                FencingToken = gate.Claim.FencingToken,
                LeaseId = gate.Claim.LeaseId,
                OtherHolder = gate.Claim.OtherHolder?.Holder,
                EtcdReachable = gate.Claim.EtcdReachable,
                LastError = gate.Claim.LastError,
                HoldDeadline = gate.Claim.HoldDeadline,
            } : null,
            Stats = new InstanceStatistics
            {
                AdvertsReceived = instance.Counters.AdvertsReceived,
                AdvertsSent = instance.Counters.AdvertsSent,
                Transitions = router?.Transitions ?? 0,
                Drops = instance.Counters.Drops,
            },
        };
    }
}
