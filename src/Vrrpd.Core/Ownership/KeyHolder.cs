namespace Vrrpd.Ownership;

/// <summary>
/// Who holds a claim's key in etcd, as read from the key itself.
/// </summary>
/// <param name="Holder">The key's value: the holder's id as it wrote it.</param>
/// <param name="CreateRevision">The revision of the put that created the key: the holder's fencing token.</param>
/// <param name="ModRevision">The revision of the last change of the key.</param>
/// <param name="LeaseId">The lease the key is attached to; it is deleted when that lease expires or is revoked.</param>
public sealed record KeyHolder(string Holder, long CreateRevision, long ModRevision, long LeaseId);
