using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Vrrpd.Ownership;

namespace Vrrpd.Linux.Ownership;

// Following one key: a linearizable read (which only a member with a leader answers), then a watch from the
// revision after it on the member that answered; when the watch ends for any reason, read again and watch again,
// moving on to the next member when one fails. docs/design/ownership.md §5.
public sealed partial class EtcdClient
{
    private static readonly TimeSpan WatchRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Reports the key's state now and after every change until cancelled, and again after every reconnection (so a
    /// change missed while disconnected, or compacted away, is still seen). <paramref name="failed"/> hears why a
    /// read or watch ended; the loop goes on by itself.
    /// </summary>
    public async Task FollowKeyAsync(string key, Action<KeyObservation> observed, Action<string>? failed, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                KeyObservation now = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
                observed(now);
                string ended = await WatchAsync(CurrentEndpoint, key, now.Revision + 1, observed, cancellationToken).ConfigureAwait(false);
                failed?.Invoke(ended);
                // The member that served the watch may be the one that failed: start the next read elsewhere.
                Interlocked.Increment(ref _current);
            }
            catch (EtcdException e)
            {
                failed?.Invoke(e.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(WatchRetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One watch stream on one member; returns why it ended.</summary>
    private async Task<string> WatchAsync(Uri endpoint, string key, long startRevision, Action<KeyObservation> observed, CancellationToken cancellationToken)
    {
        string where = $"{endpoint}v3/watch";
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(
            new WatchRequest(new WatchCreateRequest(Encoding.UTF8.GetBytes(key), startRevision)), EtcdJsonContext.Default.WatchRequest);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "v3/watch")) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // etcd cancels a watch whose member loses its leader (clientv3's WithRequireLeader): a member cut off from
        // the others then says so instead of going quiet.
        message.Headers.TryAddWithoutValidation("Grpc-Metadata-hasleader", "true");
        HttpResponseMessage response;
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connect.CancelAfter(_options.RequestTimeout);
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, connect.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return $"{where}: no answer within {_options.RequestTimeout.TotalMilliseconds:0} ms";
            }
            catch (HttpRequestException e)
            {
                return $"{where}: {e.Message}";
            }
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                return $"{where}: HTTP {(int)response.StatusCode}";
            }

            try
            {
                await using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var lines = new BoundedLineReader(stream, _options.MaxResponseBytes);
                while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    WatchStreamMessage? watch = JsonSerializer.Deserialize(line, EtcdJsonContext.Default.WatchStreamMessage);
                    if (watch?.Error is { } error)
                    {
                        return $"{where}: {error.Error ?? error.Message}";
                    }

                    if (watch?.Result is not { } result)
                    {
                        continue;
                    }

                    if (result.Canceled || result.CompactRevision > 0)
                    {
                        return $"{where}: watch cancelled ({result.CancelReason ?? (result.CompactRevision > 0 ? $"compacted at {result.CompactRevision}" : "no reason")})";
                    }

                    foreach (WatchEvent change in result.Events ?? [])
                    {
                        if (change.Kv is not { } kv)
                        {
                            continue;
                        }

                        // PUT is proto3's zero value and is left out; a deleted key's mod revision is the delete's.
                        observed(change.Type == "DELETE"
                            ? new KeyObservation(kv.ModRevision, null)
                            : new KeyObservation(kv.ModRevision, HolderOf(kv)));
                    }
                }

                return $"{where}: the watch stream ended";
            }
            catch (IOException e)
            {
                return $"{where}: {e.Message}";
            }
            catch (HttpRequestException e)
            {
                return $"{where}: {e.Message}";
            }
            catch (JsonException e)
            {
                return $"{where}: not an etcd watch message ({e.Message})";
            }
        }
    }
}
