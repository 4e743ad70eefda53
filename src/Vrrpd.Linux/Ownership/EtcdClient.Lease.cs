namespace Vrrpd.Linux.Ownership;

// Leases: grant, one keepalive, revoke (etcd rpc.proto, service Lease).
public sealed partial class EtcdClient
{
    /// <summary>LeaseGrant: a new lease with this TTL; etcd may grant more (its minimum TTL).</summary>
    public async Task<(long LeaseId, TimeSpan Ttl)> GrantLeaseAsync(TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        LeaseGrantResponse response = await CallAsync("v3/lease/grant", new LeaseGrantRequest((long)Math.Ceiling(ttl.TotalSeconds)),
            EtcdJsonContext.Default.LeaseGrantRequest, EtcdJsonContext.Default.LeaseGrantResponse, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(response.Error) || response.Id == 0)
        {
            throw new EtcdException($"{CurrentEndpoint}: lease grant refused: {response.Error ?? "no lease id"}", null, answered: true);
        }

        return (response.Id, TimeSpan.FromSeconds(response.Ttl));
    }

    /// <summary>
    /// One LeaseKeepAlive: the TTL the lease has again, counted from when etcd handled the request; zero when etcd no
    /// longer has the lease. The gateway runs the keepalive stream for one request and ends it.
    /// </summary>
    public async Task<TimeSpan> KeepAliveAsync(long leaseId, CancellationToken cancellationToken = default)
    {
        LeaseKeepAliveStreamMessage message = await CallAsync("v3/lease/keepalive", new LeaseIdRequest(leaseId),
            EtcdJsonContext.Default.LeaseIdRequest, EtcdJsonContext.Default.LeaseKeepAliveStreamMessage, cancellationToken).ConfigureAwait(false);
        if (message.Error is { } error)
        {
            bool definite = error.Code is 3 or 5;
            throw new EtcdException($"{CurrentEndpoint}: keepalive: {error.Error ?? error.Message}", error.Code, definite);
        }

        if (message.Result is not { } result)
        {
            throw new EtcdException($"{CurrentEndpoint}: keepalive: empty answer", null, answered: false);
        }

        return result.Ttl > 0 ? TimeSpan.FromSeconds(result.Ttl) : TimeSpan.Zero;
    }

    /// <summary>LeaseRevoke: the lease and every key attached to it are deleted. A lease etcd no longer has counts as
    /// revoked.</summary>
    public async Task RevokeLeaseAsync(long leaseId, CancellationToken cancellationToken = default)
    {
        try
        {
            await CallAsync("v3/lease/revoke", new LeaseIdRequest(leaseId),
                EtcdJsonContext.Default.LeaseIdRequest, EtcdJsonContext.Default.LeaseRevokeResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (EtcdException e) when (e.IsNotFound)
        {
        }
    }
}
