using Vrrpd.Configuration;
using Vrrpd.Health;

namespace Vrrpd.Linux.Health.Container;

public sealed partial class ContainerProbe
{
    /// <summary>Runs on the event stream's task. One urgent Fatal per outage: die, kill and stop arrive together,
    /// and the flag clears on the next good poll or a start.</summary>
    private void OnEvent(EngineEvent e)
    {
        switch (ContainerEventMeaning.Classify(e))
        {
            case ContainerEventKind.Down:
                RaiseUrgent(ContainerEventMeaning.Describe(_config.Container, e));
                break;
            case ContainerEventKind.Unhealthy when HealthMatters:
                RaiseUrgent(ContainerEventMeaning.Describe(_config.Container, e));
                break;
            case ContainerEventKind.HealthCheckRan when HealthMatters:
                _ = ReinspectAfterHealthCheckAsync();
                break;
            case ContainerEventKind.MaybeRecovered:
                Volatile.Write(ref _urgentRaised, 0);
                RepollRequested?.Invoke();
                break;
        }
    }

    private bool HealthMatters => _config.Require != ContainerRequirement.Running;

    /// <summary>
    /// Podman's health_status carries no verdict, and Podman 4.3.1 sends it before it stores the probe's result
    /// (its own HealthStatus field lags by one probe, docs/design/container-health.md §6): inspect now and again shortly after, and
    /// fail at once only on a clear "unhealthy" or a container no longer running ("starting" waits for the poll).
    /// </summary>
    private async Task ReinspectAfterHealthCheckAsync()
    {
        try
        {
            foreach (var wait in HealthRecheckDelays)
            {
                await Task.Delay(wait).ConfigureAwait(false);
                using var timeout = new CancellationTokenSource(_config.Timing.Timeout);
                var inspect = await _engine.InspectContainerAsync(_config.Container, timeout.Token).ConfigureAwait(false);
                if (inspect?.State is not { } state)
                    return;
                if (state.Status != "running" || state.Health?.Status == "unhealthy")
                {
                    RaiseUrgent(ContainerVerdict.Judge(_config.Container, inspect, _config.Require).Reason);
                    return;
                }
            }
            RepollRequested?.Invoke();
        }
        catch (Exception e) when (e is EngineException or OperationCanceledException)
        {
            // The poll reports an unreachable engine; an event is only a shortcut.
        }
    }

    /// <summary>0, 50, 150, 350 ms after the event: long enough for Podman to store the result, 2 ms each.</summary>
    private static readonly TimeSpan[] HealthRecheckDelays =
        [TimeSpan.Zero, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)];

    private void RaiseUrgent(string reason)
    {
        if (Interlocked.Exchange(ref _urgentRaised, 1) == 1)
            return;
        Urgent?.Invoke(CheckResult.FatalFault(reason));
    }
}
