namespace Vrrpd.Health;

/// <param name="Reason">In words, for status and logs: "GPU 0 (GPU-5f1c…): Xid 79, fallen off the bus".</param>
/// <param name="Latch">A fatal result that must hold until an operator clears it (GPU hardware faults).</param>
public sealed record CheckResult(CheckOutcome Outcome, string Reason, bool Latch = false)
{
    public static CheckResult Healthy(string reason) => new(CheckOutcome.Ok, reason);
    public static CheckResult Unhealthy(string reason) => new(CheckOutcome.Failed, reason);
    public static CheckResult FatalFault(string reason, bool latch = false) => new(CheckOutcome.Fatal, reason, latch);
}
