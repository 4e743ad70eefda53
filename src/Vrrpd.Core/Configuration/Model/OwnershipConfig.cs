namespace Vrrpd.Configuration;

/// <summary>
/// <c>vrrp_ownership NAME { etcd_endpoints URL...; lease_ttl SECONDS; key_prefix PREFIX }</c>: an etcd cluster that
/// decides which host may hold the addresses of the instances and sync groups that name it with
/// <c>ownership NAME</c> (docs/design/ownership.md).
/// </summary>
/// <param name="Endpoints">The etcd members' client URLs (http or https, host and port, no path), tried in order;
/// a failed request moves on to the next one.</param>
/// <param name="LeaseTtl">The etcd lease's time to live, whole seconds (etcd counts TTLs in seconds).</param>
/// <param name="KeyPrefix">Starts and ends with '/'; each claim's key is the prefix plus <c>instance/NAME</c> or
/// <c>sync_group/NAME</c>.</param>
public sealed record OwnershipConfig(
    string Name,
    IReadOnlyList<Uri> Endpoints,
    TimeSpan LeaseTtl,
    string KeyPrefix,
    SourceLocation Location)
{
    /// <summary>etcd's own floor with its default timings is about 2 s; 5 s leaves room for two keepalives, a retry
    /// and a leader election before the holder has to give up (docs/design/ownership.md §6).</summary>
    public static readonly TimeSpan MinLeaseTtl = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan MaxLeaseTtl = TimeSpan.FromSeconds(3600);

    public static readonly TimeSpan DefaultLeaseTtl = TimeSpan.FromSeconds(10);

    public const string DefaultKeyPrefix = "/vrrpd/";
}
