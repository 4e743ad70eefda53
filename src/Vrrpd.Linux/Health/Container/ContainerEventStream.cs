using System.Text.Json;

namespace Vrrpd.Linux.Health.Container;

/// <summary>
/// Follows one container's events on a background task: opens the engine's <c>/events</c> stream, reads it
/// line by line, and reopens it when it ends, fails, or stays silent past the stall timeout, with backoff.
/// A reopened stream asks for <c>since</c> the last event seen (or the last time the stream was known open),
/// and events already delivered are skipped, so a reconnect neither loses nor repeats events.
/// </summary>
public sealed class ContainerEventStream : IDisposable
{
    private readonly EngineClient _client;
    private readonly string _container;
    private readonly EventStreamOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _lastTimeNano;
    private long _resumeFromNano;
    private int _connections;

    public ContainerEventStream(EngineClient client, string container, EventStreamOptions? options = null)
    {
        _client = client;
        _container = container;
        _options = options ?? EventStreamOptions.Default;
    }

    /// <summary>Raised on the stream's task for every container event, in order.</summary>
    public event Action<EngineEvent>? EventReceived;

    /// <summary>Why the stream was (re)opened or lost, in words, for the log. Also raised on the stream's task.</summary>
    public event Action<string>? StreamInterrupted;

    /// <summary>How many times a stream was opened (answered with headers).</summary>
    public int Connections => Volatile.Read(ref _connections);

    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        if (_loop is not null)
            throw new InvalidOperationException("the event stream is already started");
        _resumeFromNano = UnixNanosecondsNow();
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var backoff = _options.InitialBackoff;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (await FollowOnceAsync(stop).ConfigureAwait(false))
                    backoff = _options.InitialBackoff;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Interrupted(e.Message);
            }
            try
            {
                await Task.Delay(backoff, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    /// <summary>One stream, until it ends or stalls. True when it delivered at least one line.</summary>
    private async Task<bool> FollowOnceAsync(CancellationToken stop)
    {
        var since = Math.Max(Volatile.Read(ref _lastTimeNano), _resumeFromNano);
        using var response = await _client.OpenEventsAsync(_container, since, stop).ConfigureAwait(false);
        Interlocked.Increment(ref _connections);
        var openedAt = UnixNanosecondsNow();
        var stream = await response.Content.ReadAsStreamAsync(stop).ConfigureAwait(false);
        await using var _ = stream.ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        var delivered = false;
        while (true)
        {
            string? line;
            using (var stall = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                stall.CancelAfter(_options.StallTimeout);
                try
                {
                    line = await reader.ReadLineAsync(stall.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    _resumeFromNano = openedAt;
                    Interrupted($"no event for {_options.StallTimeout.TotalSeconds:0.###} s; reopening the stream");
                    return delivered;
                }
            }
            if (line is null)
            {
                _resumeFromNano = openedAt;
                Interrupted("the engine closed the event stream");
                return delivered;
            }
            if (line.Length == 0)
                continue;
            delivered = true;
            Dispatch(line);
        }
    }

    private void Dispatch(string line)
    {
        EngineEvent? message;
        try
        {
            message = JsonSerializer.Deserialize(line, EngineJsonContext.Default.EngineEvent);
        }
        catch (JsonException e)
        {
            Interrupted($"skipped a malformed event: {e.Message}");
            return;
        }
        if (message is null || message.Type != "container")
            return;
        if (message.TimeNano != 0)
        {
            // A reopened stream replays from `since`: skip what was already delivered.
            if (message.TimeNano <= Volatile.Read(ref _lastTimeNano))
                return;
            Volatile.Write(ref _lastTimeNano, message.TimeNano);
        }
        try
        {
            EventReceived?.Invoke(message);
        }
        catch (Exception e)
        {
            Interrupted($"an event handler failed: {e.Message}");
        }
    }

    private void Interrupted(string reason)
    {
        try
        {
            StreamInterrupted?.Invoke(reason);
        }
        catch
        {
            // A logging handler must not stop the stream.
        }
    }

    private static long UnixNanosecondsNow() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
            return;
        _stop.Cancel();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }
}
