using System.Text;
using Vrrpd.Ownership;

namespace Vrrpd.Linux.Ownership;

// A claim's key: the compare-and-swap that acquires it, the conditional delete that releases it, and a read.
// docs/design/ownership.md §3.
public sealed partial class EtcdClient
{
    /// <summary>
    /// Txn: if the key does not exist (create revision 0), put <paramref name="holderId"/> under the lease; else read
    /// it. Created now: the fencing token is the transaction's revision, which is the key's create revision. Existing
    /// under this same lease (an earlier acquire whose answer was lost): ours, with its create revision. Otherwise the
    /// other holder.
    /// </summary>
    public async Task<AcquireOutcome> AcquireAsync(string key, string holderId, long leaseId, CancellationToken cancellationToken = default)
    {
        byte[] keyBytes = Encoding.UTF8.GetBytes(key);
        var request = new TxnRequest(
            [new Compare(keyBytes, "CREATE", "EQUAL", CreateRevision: 0)],
            [new RequestOp(Put: new PutRequest(keyBytes, Encoding.UTF8.GetBytes(holderId), leaseId))],
            [new RequestOp(Range: new RangeRequest(keyBytes))]);
        TxnResponse response = await CallAsync("v3/kv/txn", request,
            EtcdJsonContext.Default.TxnRequest, EtcdJsonContext.Default.TxnResponse, cancellationToken).ConfigureAwait(false);
        long revision = response.Header?.Revision ?? 0;
        if (response.Succeeded)
        {
            if (revision <= 0)
            {
                throw new EtcdException($"{CurrentEndpoint}: txn answer without a revision", null, answered: false);
            }

            return new AcquireOutcome(revision, null);
        }

        KeyValue? existing = response.Responses?.FirstOrDefault()?.Range?.Kvs?.FirstOrDefault();
        if (existing is null)
        {
            // The compare said the key exists and the read in the same transaction says it does not: not etcd.
            throw new EtcdException($"{CurrentEndpoint}: txn failed its compare but read no key", null, answered: false);
        }

        KeyHolder holder = HolderOf(existing);
        return existing.Lease == leaseId ? new AcquireOutcome(existing.CreateRevision, null) : new AcquireOutcome(null, holder);
    }

    /// <summary>Txn: delete the key if it is attached to this lease. True when it was deleted, false when it was not
    /// ours (absent or under another lease).</summary>
    public async Task<bool> ReleaseAsync(string key, long leaseId, CancellationToken cancellationToken = default)
    {
        byte[] keyBytes = Encoding.UTF8.GetBytes(key);
        var request = new TxnRequest(
            [new Compare(keyBytes, "LEASE", "EQUAL", Lease: leaseId)],
            [new RequestOp(Delete: new DeleteRangeRequest(keyBytes))],
            []);
        TxnResponse response = await CallAsync("v3/kv/txn", request,
            EtcdJsonContext.Default.TxnRequest, EtcdJsonContext.Default.TxnResponse, cancellationToken).ConfigureAwait(false);
        return response.Succeeded;
    }

    /// <summary>Range (linearizable): the key as the cluster has it now, with the revision of that answer.</summary>
    public async Task<KeyObservation> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        RangeResponse response = await CallAsync("v3/kv/range", new RangeRequest(Encoding.UTF8.GetBytes(key)),
            EtcdJsonContext.Default.RangeRequest, EtcdJsonContext.Default.RangeResponse, cancellationToken).ConfigureAwait(false);
        KeyValue? kv = response.Kvs?.FirstOrDefault();
        return new KeyObservation(response.Header?.Revision ?? 0, kv is null ? null : HolderOf(kv));
    }

    private static KeyHolder HolderOf(KeyValue kv) =>
        new(kv.Value is null ? "" : Encoding.UTF8.GetString(kv.Value), kv.CreateRevision, kv.ModRevision, kv.Lease);
}
