namespace Vrrpd.Health;

/// <summary>What one run of a health probe (or one event) says.</summary>
public enum CheckOutcome
{
    /// <summary>Healthy. Counts towards <c>rise</c>.</summary>
    Ok,

    /// <summary>Unhealthy. Counts towards <c>fall</c>.</summary>
    Failed,

    /// <summary>Unhealthy beyond doubt (GPU lost, Xid 79, container died): fails the tracker at once, without
    /// waiting for <c>fall</c>. A probe decides what is fatal; the tracker decides whether it latches.</summary>
    Fatal,
}
