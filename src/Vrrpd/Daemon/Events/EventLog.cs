using System.Text;
using System.Text.Json;
using Vrrpd.Logging;
using Vrrpd.Status;

namespace Vrrpd.Daemon.Events;

/// <summary>
/// Appends failover events to the events file, one JSON object a line, and rotates it to <c>PATH.1</c> when the
/// next line would take it past the size cap (one old generation, like a small logrotate). Events are rare (state
/// and tracker changes), so each is a short open-append-close; a write that fails is logged and dropped, never
/// thrown at the state machine. Also raised as <see cref="Recorded"/> for metrics and tests.
/// </summary>
internal sealed class EventLog(string path, long maxBytes, Log log)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _lastFailureLogged = DateTimeOffset.MinValue;

    public string Path { get; } = path;

    public event Action<FailoverEvent>? Recorded;

    public void Append(FailoverEvent e)
    {
        var line = JsonSerializer.Serialize(e, EventJsonContext.Default.FailoverEvent) + "\n";
        var bytes = Encoding.UTF8.GetBytes(line);
        lock (_gate)
        {
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
                var current = new FileInfo(Path);
                if (current.Exists && current.Length > 0 && current.Length + bytes.Length > maxBytes)
                    File.Move(Path, Path + ".1", overwrite: true);
                using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                stream.Write(bytes);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (DateTimeOffset.UtcNow - _lastFailureLogged > TimeSpan.FromMinutes(1))
                {
                    _lastFailureLogged = DateTimeOffset.UtcNow;
                    log.Error($"cannot write the events file {Path}: {ErrorText.Of(ex)} (events are dropped until it works)");
                }
            }
        }
        Recorded?.Invoke(e);
    }
}
