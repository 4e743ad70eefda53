using Vrrpd.Configuration;
using Vrrpd.Health;

namespace Vrrpd.Linux.Health.Container;

/// <summary>
/// The container tracker's probe (<c>vrrp_track_container</c>): asks the Docker/Podman engine API about one
/// container each poll (state, then its HEALTHCHECK when required), then the optional <c>http_get</c> and
/// <c>tcp_socket</c> liveness checks; and follows the engine's event stream so that die/kill/oom/stop and an
/// unhealthy verdict fail the tracker at once through <see cref="Urgent"/> (Fatal, not latched: the next good
/// poll counts towards rise as usual). The container's main process is watched through a pidfd as well, so its
/// death fails the tracker within microseconds (docs/design/container-health.md §9). Polling stays the fallback
/// when the stream is down.
/// </summary>
public sealed partial class ContainerProbe : IHealthProbe
{
    private readonly ContainerTrackerConfig _config;
    private readonly EngineClient _engine;
    private readonly ContainerEventStream _events;
    private readonly HttpLivenessCheck? _httpGet;
    private readonly TcpLivenessCheck? _tcpSocket;
    private readonly MainProcessWatch _mainProcess;
    private volatile IReadOnlyList<Measurement> _measurements = [];
    private int _urgentRaised;

    public ContainerProbe(ContainerTrackerConfig config)
        : this(config, EventStreamOptions.Default)
    {
    }

    public ContainerProbe(ContainerTrackerConfig config, EventStreamOptions eventStream)
    {
        _config = config;
        _engine = new EngineClient(config.EngineSocket);
        _events = new ContainerEventStream(_engine, config.Container, eventStream);
        _events.EventReceived += OnEvent;
        _events.StreamInterrupted += reason => EventStreamInterrupted?.Invoke(reason);
        _mainProcess = new MainProcessWatch(config.Container, reason => RaiseUrgent(reason));
        if (config.HttpGet is { } url)
            _httpGet = new HttpLivenessCheck(url);
        if (config.TcpSocket is { } target)
            _tcpSocket = new TcpLivenessCheck(target);
    }

    public string Kind => "container";

    public event Action<CheckResult>? Urgent;

    /// <summary>The container (re)started or reported healthy: a poll now would see the recovery sooner than the
    /// next interval. Optional for the tracker to honour.</summary>
    public event Action? RepollRequested;

    /// <summary>The event stream broke or was reopened, in words, for the log.</summary>
    public event Action<string>? EventStreamInterrupted;

    /// <summary>restart_count and health_failing_streak from the last inspect.</summary>
    public IReadOnlyList<Measurement> Measurements => _measurements;

    /// <summary>The engine client, for the API version negotiated (status) and tests.</summary>
    public EngineClient Engine => _engine;

    /// <summary>How many times the event stream was opened (tests wait for the first).</summary>
    internal int EventConnections => _events.Connections;

    public void Start() => _events.Start();

    public async ValueTask<CheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var result = await InspectAsync(cancellationToken).ConfigureAwait(false);
        if (result.Outcome != CheckOutcome.Ok)
            return result;
        if (_httpGet is not null)
        {
            var http = await WithTimeoutAsync(_httpGet.CheckAsync, cancellationToken).ConfigureAwait(false);
            if (http.Outcome != CheckOutcome.Ok)
                return http;
            result = CheckResult.Healthy($"{result.Reason}; {http.Reason}");
        }
        if (_tcpSocket is not null)
        {
            var tcp = await WithTimeoutAsync(_tcpSocket.CheckAsync, cancellationToken).ConfigureAwait(false);
            if (tcp.Outcome != CheckOutcome.Ok)
                return tcp;
            result = CheckResult.Healthy($"{result.Reason}; {tcp.Reason}");
        }
        Volatile.Write(ref _urgentRaised, 0);
        return result;
    }

    /// <summary>The engine's view of the container, as a check result (docs/design/container-health.md §4 order).</summary>
    private async Task<CheckResult> InspectAsync(CancellationToken cancellationToken)
    {
        ContainerInspect? inspect;
        try
        {
            inspect = await _engine.InspectContainerAsync(_config.Container, cancellationToken).ConfigureAwait(false);
        }
        catch (EngineException e)
        {
            return CheckResult.Unhealthy(e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CheckResult.Unhealthy($"engine {_config.EngineSocket} did not answer in time");
        }
        if (inspect is null)
        {
            _mainProcess.Stop();
            return CheckResult.Unhealthy($"container {_config.Container} not found");
        }
        if (inspect.State is { Running: true, Paused: false, Pid: > 0 } running && inspect.Id is { Length: > 0 } id)
            _mainProcess.Watch(running.Pid, id);
        else
            _mainProcess.Stop();
        _measurements =
        [
            new Measurement("restart_count", inspect.RestartCount, _config.Container),
            new Measurement("health_failing_streak", inspect.State?.Health?.FailingStreak ?? 0, _config.Container),
        ];
        return ContainerVerdict.Judge(_config.Container, inspect, _config.Require);
    }

    /// <summary>The tracker's timeout applies to each liveness check on its own as well as to the whole poll.</summary>
    private async Task<CheckResult> WithTimeoutAsync(Func<CancellationToken, Task<CheckResult>> check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_config.Timing.Timeout);
        return await check(timeout.Token).ConfigureAwait(false);
    }

    /// <summary>The main process watched through a pidfd, or null (tests, status).</summary>
    public int? WatchedPid => _mainProcess.Pid;

    public void Dispose()
    {
        _mainProcess.Dispose();
        _events.Dispose();
        _engine.Dispose();
        _httpGet?.Dispose();
    }
}
