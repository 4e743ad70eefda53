namespace Vrrpd.Logging;

/// <summary>
/// vrrpd's one logging facade: one line per event on stderr (journald adds its own timestamp, but a foreground
/// run in a terminal or a test log needs ours). Every line carries a subsystem and, where there is one, the
/// instance name and VRID, so `journalctl -u vrrpd | grep VI_1` tells one instance's story.
/// </summary>
public sealed class Log(string category, TextWriter? writer = null, TimeProvider? time = null)
{
    private static readonly Lock Gate = new();
    private readonly TextWriter _writer = writer ?? Console.Error;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Lines below this level are not written. VRRPD_LOG_LEVEL=debug turns on debug lines.</summary>
    public static LogLevel MinimumLevel { get; set; } =
        string.Equals(Environment.GetEnvironmentVariable("VRRPD_LOG_LEVEL"), "debug", StringComparison.OrdinalIgnoreCase)
            ? LogLevel.Debug
            : LogLevel.Info;

    public Log For(string subcategory) => new($"{category} {subcategory}", _writer, _time);

    public void Debug(string message) => Write(LogLevel.Debug, message);
    public void Info(string message) => Write(LogLevel.Info, message);
    public void Warning(string message) => Write(LogLevel.Warning, message);
    public void Error(string message) => Write(LogLevel.Error, message);

    public bool IsEnabled(LogLevel level) => level >= MinimumLevel;

    private void Write(LogLevel level, string message)
    {
        if (!IsEnabled(level)) return;
        var tag = level switch
        {
            LogLevel.Debug => "debug",
            LogLevel.Info => "info ",
            LogLevel.Warning => "warn ",
            _ => "error",
        };
        var line = $"{_time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {tag} {category}: {message}";
        if (Background is { } background)
        {
            background.Write(_writer, line);
            return;
        }
        lock (Gate) _writer.WriteLine(line);
    }

    private static BackgroundLogWriter? Background;

    /// <summary>
    /// From now on lines are written by a thread of their own (the daemon): a write to stderr can block (a full
    /// pipe, a slow journald), and the event loop must never wait for it (docs/design/event-loop.md §3).
    /// </summary>
    public static void WriteInBackground() => Background ??= new BackgroundLogWriter();

    /// <summary>Waits until every line logged so far is written (before the process exits).</summary>
    public static void Flush() => Background?.Flush();
}
