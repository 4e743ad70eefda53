using Vrrpd.Health;

namespace Vrrpd.Tests.Health;

/// <summary>A probe whose next answers a test sets: a result, or a poll that hangs (honouring the token or not).</summary>
internal sealed class ScriptedProbe : IHealthProbe
{
    private TaskCompletionSource<CheckResult>? _pending;

    public string Kind => "test";

    /// <summary>What a poll answers at once; null = the poll hangs until <see cref="Finish"/>.</summary>
    public CheckResult? Next { get; set; } = CheckResult.Healthy("ok");

    /// <summary>Whether a hanging poll ends when its token is cancelled.</summary>
    public bool HonoursToken { get; set; } = true;

    public int Polls { get; private set; }

    public int Started { get; private set; }

    public bool Disposed { get; private set; }

    public event Action<CheckResult>? Urgent;

    public IReadOnlyList<Measurement> Measurements { get; } = [new("temperature_celsius", 50, "0")];

    public void Start() => Started++;

    public ValueTask<CheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        Polls++;
        if (Next is { } result) return ValueTask.FromResult(result);
        _pending = new TaskCompletionSource<CheckResult>();
        if (HonoursToken) cancellationToken.Register(() => _pending.TrySetCanceled(cancellationToken));
        return new ValueTask<CheckResult>(_pending.Task);
    }

    /// <summary>Completes a hanging poll.</summary>
    public void Finish(CheckResult result) => _pending!.TrySetResult(result);

    public void RaiseUrgent(CheckResult result) => Urgent?.Invoke(result);

    public event Action? RepollRequested;

    public void RequestRepoll() => RepollRequested?.Invoke();

    public void Dispose() => Disposed = true;
}
