using System.Collections.Concurrent;
using System.Diagnostics;
using Vrrpd.IntegrationTests.Harness;
using Vrrpd.Linux.Ownership;
using Vrrpd.Ownership;

namespace Vrrpd.IntegrationTests.Ownership;

/// <summary>
/// The daemon's ownership stack as it will run: an <see cref="OwnershipClaim"/> on the system clock, served by
/// <see cref="EtcdOwnershipPorts"/> and an <see cref="EtcdClient"/> whose connections leave from a lab host.
/// Transitions are stamped with one monotonic clock shared by every claim of the test, so that "A gave up before
/// B took over" can be checked.
/// </summary>
internal sealed class LabClaim : IAsyncDisposable
{
    private readonly EtcdClient _client;
    private readonly EtcdOwnershipPorts _ports;
    private bool _stopped;

    public LabClaim(EtcdCluster cluster, LabHost from, string holderId, string key, TimeSpan ttl, IReadOnlyList<Uri>? endpoints = null)
    {
        var timing = new OwnershipTiming(ttl);
        HolderId = holderId;
        _client = cluster.ClientFrom(from, timing.RequestTimeout, endpoints);
        _ports = new EtcdOwnershipPorts(_client, key, holderId,
            transitioned: t => Transitions.Enqueue((Stopwatch.GetTimestamp(), t)),
            watchFailed: reason => WatchFailures.Enqueue(reason));
        Claim = new OwnershipClaim(key, holderId, timing, TimeProvider.System, _ports);
        _ports.Bind(Claim);
        Claim.Start();
    }

    public string HolderId { get; }

    public OwnershipClaim Claim { get; }

    public ConcurrentQueue<(long Timestamp, OwnershipTransition Transition)> Transitions { get; } = new();

    public ConcurrentQueue<string> WatchFailures { get; } = new();

    /// <summary>The Stopwatch timestamp of the first transition to <paramref name="state"/> after <paramref name="since"/>.</summary>
    public long? FirstAfter(long since, OwnershipState state) =>
        Transitions.Where(t => t.Timestamp >= since && t.Transition.To == state).Select(t => (long?)t.Timestamp).FirstOrDefault();

    public long? FirstLossAfter(long since) =>
        Transitions.Where(t => t.Timestamp >= since && t.Transition.From == OwnershipState.Held).Select(t => (long?)t.Timestamp).FirstOrDefault();

    public string Describe() =>
        $"{HolderId}: {Claim.State}, token {Claim.FencingToken?.ToString() ?? "-"}, lease {Claim.LeaseId?.ToString("x") ?? "-"}, "
        + $"other {Claim.OtherHolder?.Holder ?? "-"}, last error {Claim.LastError ?? "-"}\n  "
        + string.Join("\n  ", Transitions.Select(t => $"{Stopwatch.GetElapsedTime(t.Timestamp).TotalSeconds:0.000} s ago: {t.Transition.From} -> {t.Transition.To}: {t.Transition.Reason} (token {t.Transition.FencingToken})"))
        + (WatchFailures.IsEmpty ? "" : "\n  watch: " + string.Join("; ", WatchFailures.TakeLast(5)));

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _ports.StopAsync(Claim.Timing.RequestTimeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _ports.Dispose();
        _client.Dispose();
    }
}
