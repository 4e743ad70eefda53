namespace Vrrpd.Health;

/// <summary>
/// One kind of health check (a GPU set, a container, a script, a file), as the tracker runs it: polled every
/// <c>interval</c> with a <c>timeout</c>, and able to report urgent results between polls (an Xid event, a
/// container's die event) so the instance reacts at once. Implementations live on the Linux edge; the tracker
/// math (rise/fall/weight) lives in Vrrpd.Core and never sees how a probe works.
/// </summary>
public interface IHealthProbe : IDisposable
{
    /// <summary>"gpu", "container", "script", "file": shown in status as the check's kind.</summary>
    string Kind { get; }

    /// <summary>Starts event sources (threads, streams). Called once before the first poll.</summary>
    void Start();

    /// <summary>One poll. Must honour the token (the tracker's timeout); a timeout counts as a failure.</summary>
    ValueTask<CheckResult> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>Raised from any thread when something happened that must not wait for the next poll.</summary>
    event Action<CheckResult>? Urgent;

    /// <summary>Raised when a poll now would see a change sooner than the next interval (a container restarted or
    /// reported healthy). Probes without such a signal never raise it.</summary>
    event Action? RepollRequested { add { } remove { } }

    /// <summary>The latest readings for status and metrics (empty when the probe has none).</summary>
    IReadOnlyList<Measurement> Measurements { get; }
}
