using Vrrpd.Ownership;

namespace Vrrpd.Linux.Ownership;

/// <summary>
/// Carries out an <see cref="OwnershipClaim"/>'s requests with an <see cref="EtcdClient"/> and hands the answers back
/// to the claim. Each request runs on the thread pool; its answer reaches the claim through <c>post</c> (the daemon's
/// loop) or directly, never from inside the port call (IOwnershipPorts' contract).
/// </summary>
public sealed class EtcdOwnershipPorts : IOwnershipPorts, IDisposable
{
    private readonly EtcdClient _client;
    private readonly string _key;
    private readonly string _holderId;
    private readonly Action<Action> _post;
    private readonly Action<OwnershipTransition>? _transitioned;
    private readonly Action<string>? _watchFailed;
    private readonly CancellationTokenSource _stopping = new();
    private OwnershipClaim? _claim;
    private int _leaseRequests;

    /// <param name="post">Runs an answer on the daemon's loop; null = on the thread pool, where the claim takes its own
    /// gate.</param>
    /// <param name="transitioned">Hears every transition of the claim (events, status, notify).</param>
    /// <param name="watchFailed">Hears why the key's watch ended (it reconnects by itself), for the log.</param>
    public EtcdOwnershipPorts(EtcdClient client, string key, string holderId, Action<Action>? post = null,
        Action<OwnershipTransition>? transitioned = null, Action<string>? watchFailed = null)
    {
        _client = client;
        _key = key;
        _holderId = holderId;
        _post = post ?? (action => action());
        _transitioned = transitioned;
        _watchFailed = watchFailed;
    }

    /// <summary>Binds the claim these ports serve; once, before <see cref="OwnershipClaim.Start"/>.</summary>
    public void Bind(OwnershipClaim claim) =>
        _claim = Interlocked.CompareExchange(ref _claim, claim, null) is null ? claim : throw new InvalidOperationException("already bound");

    private OwnershipClaim Claim => _claim ?? throw new InvalidOperationException("Bind(claim) first");

    public void GrantLease(TimeSpan ttl) => RunLease(async token =>
    {
        (long lease, TimeSpan granted) = await _client.GrantLeaseAsync(ttl, token).ConfigureAwait(false);
        return () => Claim.OnLeaseGranted(lease, granted);
    }, Claim.OnLeaseRequestFailed);

    public void KeepAlive(long leaseId) => RunLease(async token =>
    {
        TimeSpan ttl = await _client.KeepAliveAsync(leaseId, token).ConfigureAwait(false);
        return () => Claim.OnKeepAliveAnswered(ttl);
    }, Claim.OnLeaseRequestFailed);

    public void RevokeLease(long leaseId) => RunLease(async token =>
    {
        // Not cancelled by Stop: the revoke is what Stop waits for.
        await _client.RevokeLeaseAsync(leaseId, CancellationToken.None).ConfigureAwait(false);
        return Claim.OnLeaseRevoked;
    }, _ => Claim.OnLeaseRevoked());

    public void Acquire(long leaseId) => Run(async token =>
    {
        AcquireOutcome outcome = await _client.AcquireAsync(_key, _holderId, leaseId, token).ConfigureAwait(false);
        return outcome.FencingToken is { } fencing ? () => Claim.OnAcquired(fencing) : () => Claim.OnHeldByOther(outcome.OtherHolder!);
    }, Claim.OnKeyRequestFailed);

    public void Release(long leaseId) => Run(async token =>
    {
        await _client.ReleaseAsync(_key, leaseId, token).ConfigureAwait(false);
        return Claim.OnReleased;
    }, Claim.OnKeyRequestFailed);

    public void ReadKey() => Run(async token =>
    {
        KeyObservation observation = await _client.ReadAsync(_key, token).ConfigureAwait(false);
        return () => Claim.OnKeyRead(observation);
    }, Claim.OnKeyReadFailed);

    public void WatchKey()
    {
        OwnershipClaim claim = Claim;
        CancellationToken token = _stopping.Token;
        _ = Task.Run(() => _client.FollowKeyAsync(_key, o => _post(() => claim.OnKeyObserved(o)), _watchFailed, token), token);
    }

    public void OnTransition(OwnershipTransition transition) => _transitioned?.Invoke(transition);

    /// <summary>
    /// Stops the claim (its lease is revoked, which deletes the key) and waits for the revoke, at most one request
    /// timeout per endpoint and per lease request still in flight; then stops following the key.
    /// </summary>
    public async Task StopAsync(TimeSpan requestTimeout)
    {
        Claim.Stop();
        TimeSpan limit = requestTimeout * (2 * _client.Endpoints.Count);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref _leaseRequests) > 0 && waited.Elapsed < limit)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>A lease request: counted until its answer has reached the claim, so that <see cref="StopAsync"/> also
    /// waits for the revoke that a keepalive's answer may send after Stop.</summary>
    private void RunLease(Func<CancellationToken, Task<Action>> request, Action<string> failed)
    {
        Interlocked.Increment(ref _leaseRequests);
        Run(request, failed, () => Interlocked.Decrement(ref _leaseRequests));
    }

    private void Run(Func<CancellationToken, Task<Action>> request, Action<string> failed, Action? done = null)
    {
        CancellationToken token = _stopping.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                Action answer;
                try
                {
                    answer = await request(token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;   // stopping
                }
                catch (Exception e)
                {
                    // EtcdException, and anything unforeseen: a request always ends in an answer or a failure.
                    string reason = e.Message;
                    answer = () => failed(reason);
                }

                _post(answer);
            }
            finally
            {
                done?.Invoke();
            }
        }, CancellationToken.None);
    }
}
