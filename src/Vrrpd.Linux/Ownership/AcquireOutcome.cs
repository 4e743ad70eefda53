using Vrrpd.Ownership;

namespace Vrrpd.Linux.Ownership;

/// <summary>What the compare-and-swap found: the key is ours with this fencing token, or another lease holds it.</summary>
public sealed record AcquireOutcome(long? FencingToken, KeyHolder? OtherHolder)
{
    public bool Acquired => FencingToken is not null;
}
