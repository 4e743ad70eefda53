namespace Vrrpd.Health;

/// <param name="Reason">In words, for status and logs: "GPU 0 (GPU-5f1c…): Xid 79, fallen off the bus".</param>
/// <param name="Latch">A fatal result that must hold until an operator clears it (GPU hardware faults).</param>
/// <param name="Facts">What the result is about as typed values (GPU, Xid), for reports that must not parse the words.</param>
public sealed record CheckResult(CheckOutcome Outcome, string Reason, bool Latch = false, CheckFacts? Facts = null)
{
    public static CheckResult Healthy(string reason) => new(CheckOutcome.Ok, reason);
    public static CheckResult Unhealthy(string reason, CheckFacts? facts = null) => new(CheckOutcome.Failed, reason, Facts: facts);
    public static CheckResult FatalFault(string reason, bool latch = false, CheckFacts? facts = null) => new(CheckOutcome.Fatal, reason, latch, facts);
}
