using Vrrpd.Ownership;

namespace Vrrpd.Tests.Ownership;

/// <summary>Records every request an <see cref="OwnershipClaim"/> makes and every transition it reports.</summary>
internal sealed class OwnershipRecorder : IOwnershipPorts
{
    public List<string> Requests { get; } = [];

    public List<OwnershipTransition> Transitions { get; } = [];

    public void GrantLease(TimeSpan ttl) => Requests.Add($"grant {ttl.TotalSeconds}");

    public void KeepAlive(long leaseId) => Requests.Add($"keepalive {leaseId}");

    public void RevokeLease(long leaseId) => Requests.Add($"revoke {leaseId}");

    public void Acquire(long leaseId) => Requests.Add($"acquire {leaseId}");

    public void Release(long leaseId) => Requests.Add($"release {leaseId}");

    public void ReadKey() => Requests.Add("read");

    public void WatchKey() => Requests.Add("watch");

    public void OnTransition(OwnershipTransition transition) => Transitions.Add(transition);

    /// <summary>The requests made since the last call.</summary>
    public List<string> Take()
    {
        var taken = Requests.ToList();
        Requests.Clear();
        return taken;
    }
}
