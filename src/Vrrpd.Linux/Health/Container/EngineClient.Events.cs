using System.Globalization;
using System.Text.Json;

namespace Vrrpd.Linux.Health.Container;

public sealed partial class EngineClient
{
    /// <summary>
    /// Opens <c>GET /vX.Y/events?filters={"type":["container"],"container":["NAME"]}</c> and returns as soon as
    /// the headers arrive (ResponseHeadersRead): the body is an endless stream of newline-delimited JSON events
    /// (docs/design/container-health.md §5). <paramref name="sinceUnixNanoseconds"/> replays what happened after that instant.
    /// The caller owns (disposes) the response.
    /// </summary>
    public async Task<HttpResponseMessage> OpenEventsAsync(string container, long? sinceUnixNanoseconds, CancellationToken cancellationToken)
    {
        var version = await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        var filters = new Dictionary<string, string[]>
        {
            ["type"] = ["container"],
            ["container"] = [container],
        };
        var query = "filters=" + Uri.EscapeDataString(JsonSerializer.Serialize(filters, EngineJsonContext.Default.DictionaryStringStringArray));
        if (sinceUnixNanoseconds is { } since)
            query += "&since=" + FormatUnixTime(since);
        var response = await SendAsync($"v{version}/events?{query}", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            throw await ErrorAsync(response, "events", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The API's time form: Unix seconds with a nanosecond fraction, "1629574695.515050031".</summary>
    internal static string FormatUnixTime(long unixNanoseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{unixNanoseconds / 1_000_000_000}.{unixNanoseconds % 1_000_000_000:D9}");
}
