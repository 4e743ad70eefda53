namespace Vrrpd.Status;

/// <summary>
/// The JSON contract of `vrrpd status --json` (documented in README.md, "Status JSON"). Field names are the
/// contract: add fields, never rename them.
/// </summary>
public sealed class StatusReport
{
    public required string Version { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public required IReadOnlyList<InstanceStatus> Instances { get; init; }

    /// <summary>Dropped packets no instance claims (a VRID not configured on that interface, a datagram too
    /// short to carry one), by reason key; per-instance drops are in each instance's stats.</summary>
    public IReadOnlyDictionary<string, long> Drops { get; init; } = new Dictionary<string, long>();
}

public sealed class InstanceStatus
{
    public required string Name { get; init; }
    public required int Vrid { get; init; }
    public required string Interface { get; init; }
    /// <summary>"ipv4" or "ipv6".</summary>
    public required string Family { get; init; }
    public required int Version { get; init; }
    /// <summary>Master, Backup, Fault or Initialize.</summary>
    public required string State { get; init; }
    /// <summary>The configured (base) priority.</summary>
    public required int Priority { get; init; }
    /// <summary>The priority advertised now (trackers applied).</summary>
    public required int EffectivePriority { get; init; }
    public required double AdvertIntervalMs { get; init; }
    /// <summary>The master's address as seen from here (our own when Master); null when unknown.</summary>
    public string? MasterAddress { get; init; }
    public required IReadOnlyList<string> VirtualAddresses { get; init; }
    /// <summary>Why the instance is in Fault, one entry per active condition.</summary>
    public required IReadOnlyList<string> FaultReasons { get; init; }
    public TransitionStatus? LastTransition { get; init; }
    public required InstanceStatistics Stats { get; init; }
    /// <summary>Every tracker the instance names (track_script, track_file, track_gpu, track_container, track_neighbor, track_process).</summary>
    public IReadOnlyList<CheckStatus> Checks { get; init; } = [];
    /// <summary>Why the instance is held at priority 1 (`vrrpd demote`), or null when it is not demoted.</summary>
    public string? Demoted { get; init; }
    /// <summary>The vrrp_ownership claim gating this instance, or null when it has none.</summary>
    public OwnershipStatus? Ownership { get; init; }
}

/// <summary>An instance's quorum ownership (docs/design/ownership.md §7): may it hold its addresses, under which
/// fencing token, and is etcd answering.</summary>
public sealed class OwnershipStatus
{
    /// <summary>The vrrp_ownership block's name.</summary>
    public required string Name { get; init; }
    /// <summary>The etcd key claimed.</summary>
    public required string Key { get; init; }
    /// <summary>Released, Acquiring, HeldByOther, Held or Unreachable.</summary>
    public required string State { get; init; }
    public required bool MayHoldAddresses { get; init; }
    /// <summary>True while VRRP says Master and the claim is not Held yet: the instance waits in Backup.</summary>
    public required bool WaitingForOwnership { get; init; }
    /// <summary>The revision of the acquisition while held.</summary>
    public long? FencingToken { get; init; }
    public long? LeaseId { get; init; }
    /// <summary>Who holds the key when another host does.</summary>
    public string? OtherHolder { get; init; }
    public required bool EtcdReachable { get; init; }
    public string? LastError { get; init; }
    /// <summary>While held: when the addresses go unless a keepalive is answered first.</summary>
    public DateTimeOffset? HoldDeadline { get; init; }
}

/// <summary>One tracker as one instance sees it.</summary>
public sealed class CheckStatus
{
    public required string Name { get; init; }
    /// <summary>"script", "file", "gpu", "container", "neighbor" or "process".</summary>
    public required string Kind { get; init; }
    /// <summary>"ok", "failed", "fatal" (latched until cleared), "unknown" (no result yet) or "disabled" (no
    /// effect: no probe for its kind, or a weighted tracker on an address owner).</summary>
    public required string State { get; init; }
    /// <summary>The last result in words ("exit 0", "GPU 0 (GPU-…): Xid 79, fallen off the bus").</summary>
    public string? Reason { get; init; }
    /// <summary>The weight this instance gives it (0 = Fault on failure).</summary>
    public required int Weight { get; init; }
    /// <summary>The priority change it causes now.</summary>
    public required int AppliedDelta { get; init; }
    public DateTimeOffset? LastChange { get; init; }
    public IReadOnlyList<MeasurementStatus> Measurements { get; init; } = [];
}

/// <summary>A reading a tracker shows but never decides on (temperature, utilization, a track_file's value).</summary>
public sealed class MeasurementStatus
{
    public required string Name { get; init; }
    public required double Value { get; init; }
    public string? Device { get; init; }
}

public sealed class TransitionStatus
{
    public required DateTimeOffset At { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Reason { get; init; }
}

public sealed class InstanceStatistics
{
    public required long AdvertsReceived { get; init; }
    public required long AdvertsSent { get; init; }
    public required long Transitions { get; init; }
    /// <summary>Dropped packets by reason key ("ttl", "bad_checksum", ...).</summary>
    public required IReadOnlyDictionary<string, long> Drops { get; init; }
}
