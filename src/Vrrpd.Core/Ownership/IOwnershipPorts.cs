namespace Vrrpd.Ownership;

/// <summary>
/// What an <see cref="OwnershipClaim"/> asks of etcd, and where it reports its changes. The daemon implements it
/// with the etcd client (Vrrpd.Linux/Ownership); tests with a recorder.
/// <para>
/// Every request must be answered exactly once, later and on another call stack (never from inside the port
/// call): by its <c>On…</c> result on the claim, or by the matching failure when no endpoint answered within the
/// request timeout. The claim has at most one lease request (grant, keepalive, revoke) and one key request
/// (acquire, release) outstanding at a time, and at most one read.
/// </para>
/// </summary>
public interface IOwnershipPorts
{
    /// <summary>LeaseGrant with this TTL → <see cref="OwnershipClaim.OnLeaseGranted"/> or
    /// <see cref="OwnershipClaim.OnLeaseRequestFailed"/>.</summary>
    void GrantLease(TimeSpan ttl);

    /// <summary>One LeaseKeepAlive → <see cref="OwnershipClaim.OnKeepAliveAnswered"/> (TTL 0 when the lease is
    /// gone) or <see cref="OwnershipClaim.OnLeaseRequestFailed"/>.</summary>
    void KeepAlive(long leaseId);

    /// <summary>LeaseRevoke, on stop: deletes the key with the lease → <see cref="OwnershipClaim.OnLeaseRevoked"/>
    /// (also when it failed: there is nothing left to do).</summary>
    void RevokeLease(long leaseId);

    /// <summary>
    /// The compare-and-swap: if the key does not exist, create it with the holder id under this lease; if it exists
    /// under this same lease, it is already ours. → <see cref="OwnershipClaim.OnAcquired"/> with the key's
    /// create revision, <see cref="OwnershipClaim.OnHeldByOther"/>, or <see cref="OwnershipClaim.OnKeyRequestFailed"/>.
    /// </summary>
    void Acquire(long leaseId);

    /// <summary>Delete the key if it is attached to this lease → <see cref="OwnershipClaim.OnReleased"/> (also when
    /// it was not ours) or <see cref="OwnershipClaim.OnKeyRequestFailed"/>.</summary>
    void Release(long leaseId);

    /// <summary>One linearizable read of the key → <see cref="OwnershipClaim.OnKeyRead"/> or
    /// <see cref="OwnershipClaim.OnKeyReadFailed"/>. Asked only while VRRP wants Master and another host holds the
    /// key.</summary>
    void ReadKey();

    /// <summary>Start following the key, for as long as the claim runs: report its state now, every change, and its
    /// state again after every reconnection, through <see cref="OwnershipClaim.OnKeyObserved"/>.</summary>
    void WatchKey();

    /// <summary>After every change of state, once the claim has settled.</summary>
    void OnTransition(OwnershipTransition transition);
}
