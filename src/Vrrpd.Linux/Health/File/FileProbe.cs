using System.Globalization;
using Vrrpd.Configuration;
using Vrrpd.Health;

namespace Vrrpd.Linux.Health;

/// <summary>
/// keepalived's <c>vrrp_track_file</c>: the file holds an integer that is read every poll (the tracker polls at 1 s;
/// keepalived uses inotify). A missing or unreadable file, or one that does not start with an integer, reads as 0,
/// as keepalived's strtol does. The value goes out as the measurement <see cref="ValueMeasurement"/>, from which
/// the instance computes delta = value × weight; the check itself is always healthy. <c>init_file</c> writes the
/// initial value at start when the file is missing (or always, with <c>overwrite</c>).
/// </summary>
public sealed class FileProbe(FileTrackerConfig config) : IHealthProbe
{
    /// <summary>The measurement that carries the file's value.</summary>
    public const string ValueMeasurement = "file_value";

    private IReadOnlyList<Measurement> _measurements = [];

    public string Kind => "file";

    public IReadOnlyList<Measurement> Measurements => Volatile.Read(ref _measurements);

    public event Action<CheckResult>? Urgent { add { } remove { } }

    public void Start()
    {
        if (config.InitValue is not { } initial || (File.Exists(config.Path) && !config.InitOverwrite)) return;
        try
        {
            File.WriteAllText(config.Path, initial.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The poll then reads 0 and says why in its reason.
        }
    }

    public ValueTask<CheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        (long value, string reason) = Read();
        Volatile.Write(ref _measurements, [new Measurement(ValueMeasurement, value)]);
        return ValueTask.FromResult(CheckResult.Healthy(reason));
    }

    private (long Value, string Reason) Read()
    {
        string text;
        try
        {
            text = File.ReadAllText(config.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (0, $"{config.Path} unreadable ({e.Message}): value 0");
        }

        ReadOnlySpan<char> span = text.AsSpan().Trim();
        int end = 0;
        while (end < span.Length && (char.IsAsciiDigit(span[end]) || (end == 0 && span[end] is '-' or '+'))) end++;
        return long.TryParse(span[..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? (value, $"value {value}")
            : (0, $"{config.Path} holds no number: value 0");
    }

    public void Dispose()
    {
    }
}
