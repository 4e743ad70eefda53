using System.Text.Json;

namespace Vrrpd.Status;

/// <summary>
/// One request on the control socket: a JSON object on one line, e.g. <c>{"command":"demote","instance":"VI_1"}</c>.
/// The bare line <c>status</c> is still answered, for callers written before requests were JSON.
/// </summary>
public sealed class ControlRequest
{
    public const string Status = "status";
    public const string Demote = "demote";
    public const string Resume = "resume";
    public const string Clear = "clear";
    public const string Reload = "reload";
    public const string EventsFile = "events-file";

    public required string Command { get; init; }

    /// <summary>demote/resume: one instance; null with <see cref="All"/>.</summary>
    public string? Instance { get; init; }

    /// <summary>demote/resume: every instance.</summary>
    public bool All { get; init; }

    /// <summary>clear: the tracker whose latched fault to clear.</summary>
    public string? Tracker { get; init; }

    /// <summary>True for requests that change the daemon (need root or the control group).</summary>
    public bool Mutates => Command is Demote or Resume or Clear or Reload;

    /// <summary>
    /// The request on one line as the client sent it (without its newline), or null when it is not one: malformed
    /// JSON, JSON of another shape, or a JSON <c>null</c>. Never throws on what a client sends: the line comes from
    /// anyone who can reach the socket (docs/input-limits.md), and tests/fuzz feeds it arbitrary bytes.
    /// </summary>
    public static ControlRequest? Parse(string line)
    {
        if (line == Status)
            return new ControlRequest { Command = Status };
        try
        {
            return JsonSerializer.Deserialize(line, ControlJsonContext.Default.ControlRequest);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The answer to a request other than status: whether it was done, and what happened in words.</summary>
public sealed class ControlReply
{
    public required bool Ok { get; init; }

    public required string Message { get; init; }

    /// <summary>Config diagnostics of a rejected reload, FILE:LINE:COL each.</summary>
    public IReadOnlyList<string> Diagnostics { get; init; } = [];

    public static ControlReply Done(string message) => new() { Ok = true, Message = message };

    public static ControlReply Failed(string message, IReadOnlyList<string>? diagnostics = null) =>
        new() { Ok = false, Message = message, Diagnostics = diagnostics ?? [] };
}
