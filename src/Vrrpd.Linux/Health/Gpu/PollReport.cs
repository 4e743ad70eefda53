using Vrrpd.Health;

namespace Vrrpd.Linux.Health.Gpu;

/// <summary>What one NVML poll found: problems in words, readings, and how many GPUs passed every check.</summary>
internal sealed class PollReport
{
    public List<CheckResult> Problems { get; } = [];

    public List<Measurement> Measurements { get; } = [];

    public int HealthyDevices { get; set; }

    public void Failed(string reason, CheckFacts? facts = null) => Problems.Add(CheckResult.Unhealthy(reason, facts));

    public void Fatal(string reason, bool latch, CheckFacts? facts = null) => Problems.Add(CheckResult.FatalFault(reason, latch, facts));

    /// <summary>The worst problem decides (and gives its facts); every problem is named. Healthy: "2 GPUs ok".</summary>
    public static CheckResult Summarize(IReadOnlyList<CheckResult> problems, int healthyDevices)
    {
        if (problems.Count == 0)
            return CheckResult.Healthy(healthyDevices == 1 ? "1 GPU ok" : $"{healthyDevices} GPUs ok");
        var worst = problems.MaxBy(p => (int)p.Outcome)!;
        string reason = string.Join("; ", problems.Select(p => p.Reason).Distinct());
        return new CheckResult(worst.Outcome, reason, problems.Any(p => p.Outcome == CheckOutcome.Fatal && p.Latch), worst.Facts);
    }
}
