using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Vrrpd.Daemon.Systemd;

/// <summary>
/// The sd_notify(3) protocol spoken directly, without libsystemd: each message is one datagram of
/// newline-separated <c>KEY=VALUE</c> assignments sent to the unix datagram socket named by $NOTIFY_SOCKET
/// (a path, or an abstract-namespace name when it starts with '@'). With no $NOTIFY_SOCKET (not started by
/// systemd, or not Type=notify) every call is a no-op that returns false, so callers never branch on it.
/// A failed send is reported through <c>onError</c> and never thrown: systemd being busy must not stop VRRP.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    public const string NotifySocketVariable = "NOTIFY_SOCKET";
    public const string WatchdogUsecVariable = "WATCHDOG_USEC";
    public const string WatchdogPidVariable = "WATCHDOG_PID";

    // A blocked PID 1 must not block the daemon's loop for long: a lost WATCHDOG=1 is cheaper than a stall.
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(1);

    private readonly UnixDomainSocketEndPoint? _endpoint;
    private readonly Socket? _socket;
    private readonly Action<string>? _onError;
    private readonly Lock _gate = new();

    /// <param name="notifySocket">The value of $NOTIFY_SOCKET; null or empty disables the notifier.</param>
    /// <param name="watchdogInterval">WatchdogSec as systemd passed it (see <see cref="ParseWatchdog"/>); null when off.</param>
    /// <param name="onError">Told, in words, why a message could not be sent.</param>
    public SystemdNotifier(string? notifySocket, TimeSpan? watchdogInterval, Action<string>? onError = null)
    {
        _onError = onError;
        WatchdogInterval = watchdogInterval;
        _endpoint = EndpointFor(notifySocket, onError);
        if (_endpoint is null) return;
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified)
        {
            SendTimeout = (int)SendTimeout.TotalMilliseconds,
        };
    }

    /// <summary>
    /// Reads $NOTIFY_SOCKET, $WATCHDOG_USEC and $WATCHDOG_PID, then removes them from the environment, as
    /// sd_notify's <c>unset_environment</c> does, so notify scripts started later cannot speak for the daemon.
    /// </summary>
    public static SystemdNotifier FromEnvironment(Action<string>? onError = null)
    {
        var socket = Environment.GetEnvironmentVariable(NotifySocketVariable);
        var watchdog = ParseWatchdog(
            Environment.GetEnvironmentVariable(WatchdogUsecVariable),
            Environment.GetEnvironmentVariable(WatchdogPidVariable),
            Environment.ProcessId);
        Environment.SetEnvironmentVariable(NotifySocketVariable, null);
        Environment.SetEnvironmentVariable(WatchdogUsecVariable, null);
        Environment.SetEnvironmentVariable(WatchdogPidVariable, null);
        return new SystemdNotifier(socket, watchdog, onError);
    }

    /// <summary>
    /// sd_watchdog_enabled(3): the watchdog is on when WATCHDOG_USEC is a positive number of microseconds and
    /// WATCHDOG_PID is unset or names this process (it is set for the main process only).
    /// </summary>
    public static TimeSpan? ParseWatchdog(string? watchdogUsec, string? watchdogPid, int ownPid)
    {
        if (!ulong.TryParse(watchdogUsec, NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec == 0)
            return null;
        if (!string.IsNullOrEmpty(watchdogPid)
            && (!int.TryParse(watchdogPid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid != ownPid))
            return null;
        return TimeSpan.FromMicroseconds(usec);
    }

    /// <summary>True when $NOTIFY_SOCKET named a socket we can send to.</summary>
    public bool IsEnabled => _socket is not null;

    /// <summary>WatchdogSec= of the unit; null when the watchdog is off. systemd kills the service when no
    /// WATCHDOG=1 arrives within it.</summary>
    public TimeSpan? WatchdogInterval { get; }

    /// <summary>How often to call <see cref="Watchdog"/>: half the interval, as sd_watchdog_enabled(3) advises.</summary>
    public TimeSpan? WatchdogPingInterval => WatchdogInterval / 2;

    /// <summary>READY=1 (start-up finished, or a reload finished), with an optional STATUS= in the same datagram.</summary>
    public bool Ready(string? status = null) =>
        Send(status is null ? "READY=1" : $"READY=1\nSTATUS={OneLine(status)}");

    /// <summary>STATUS=: the one line `systemctl status vrrpd` shows.</summary>
    public bool Status(string line) => Send($"STATUS={OneLine(line)}");

    /// <summary>RELOADING=1 with MONOTONIC_USEC= (CLOCK_MONOTONIC now), which systemd 253 and later require to
    /// tell this reload from an earlier one. Send <see cref="Ready"/> when the reload is done, or failed.</summary>
    public bool Reloading() =>
        Send($"RELOADING=1\nMONOTONIC_USEC={MonotonicMicroseconds().ToString(CultureInfo.InvariantCulture)}");

    /// <summary>STOPPING=1: the graceful stop (priority-0 adverts, VIPs withdrawn) has begun.</summary>
    public bool Stopping() => Send("STOPPING=1");

    /// <summary>WATCHDOG=1, when the unit has a watchdog; a no-op otherwise.</summary>
    public bool Watchdog() => WatchdogInterval is not null && Send("WATCHDOG=1");

    /// <summary>Sends one datagram of assignments as given. False when disabled or when the send failed.</summary>
    public bool Send(string assignments)
    {
        if (_socket is null || _endpoint is null) return false;
        var datagram = Encoding.UTF8.GetBytes(assignments);
        try
        {
            lock (_gate) _socket.SendTo(datagram, SocketFlags.None, _endpoint);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            _onError?.Invoke($"sd_notify to {_endpoint}: {e.Message}");
            return false;
        }
    }

    /// <summary>CLOCK_MONOTONIC in microseconds. .NET's Stopwatch reads CLOCK_MONOTONIC on Linux.</summary>
    public static long MonotonicMicroseconds() => ToMicroseconds(Stopwatch.GetTimestamp());

    /// <summary>Stopwatch ticks are nanoseconds on Linux, so ticks × 10⁶ would overflow a long once the machine has
    /// been up 2.6 hours: the product is taken in 128 bits.</summary>
    public static long ToMicroseconds(long stopwatchTicks) =>
        (long)((Int128)stopwatchTicks * 1_000_000 / Stopwatch.Frequency);

    public void Dispose() => _socket?.Dispose();

    /// <summary>A newline would start a new assignment: a status text is flattened to one line.</summary>
    private static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsControl(c) ? ' ' : c);
        return builder.ToString();
    }

    private static UnixDomainSocketEndPoint? EndpointFor(string? notifySocket, Action<string>? onError)
    {
        if (string.IsNullOrEmpty(notifySocket)) return null;
        // sd_notify(3): '@' means Linux's abstract namespace, whose names start with a NUL byte.
        var address = notifySocket[0] switch
        {
            '@' => "\0" + notifySocket[1..],
            '/' => notifySocket,
            _ => null,
        };
        if (address is null)
        {
            onError?.Invoke($"{NotifySocketVariable}={notifySocket}: only a path or an @abstract name is supported; not notifying systemd");
            return null;
        }
        try
        {
            return new UnixDomainSocketEndPoint(address);
        }
        catch (ArgumentException e)
        {
            onError?.Invoke($"{NotifySocketVariable}={notifySocket}: {e.Message}; not notifying systemd");
            return null;
        }
    }
}
