using System.Diagnostics;
using System.Globalization;
using Vrrpd.Configuration;
using Vrrpd.Health;
using Vrrpd.Linux.Netlink;

namespace Vrrpd.Linux.Health.Neighbor;

/// <summary>
/// vrrpd's <c>vrrp_track_neighbor</c>: every poll sends one ARP request or IPv6 Neighbor Solicitation (or, with
/// <c>method icmp</c>, one ICMP/ICMPv6 echo) to each listed address, or
/// to the IPv4 default gateway, on a socket bound to the interface, and waits up to the tracker's timeout. Healthy
/// when at least the quorum (default: all) answered. No process is forked; replies are checked one by one and
/// malformed ones counted and dropped (docs/design/neighbor-tracking.md).
/// </summary>
public sealed class NeighborProbe(NeighborTrackerConfig config) : IHealthProbe
{
    private IReadOnlyList<Measurement> _measurements = [];
    private long _malformed;

    public string Kind => "neighbor";

    public IReadOnlyList<Measurement> Measurements => Volatile.Read(ref _measurements);

    public event Action<CheckResult>? Urgent { add { } remove { } }

    public void Start()
    {
    }

    public ValueTask<CheckResult> ProbeAsync(CancellationToken cancellationToken) =>
        new(Task.Run(() => Probe(cancellationToken), cancellationToken));

    private CheckResult Probe(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var sockets = new List<NeighborSocket>();
        try
        {
            foreach (NeighborTarget target in NeighborTarget.Resolve(config))
            {
                if (target.Problem is { } problem)
                {
                    failures.Add($"{target.Label}: {problem}");
                    continue;
                }

                try
                {
                    sockets.Add(NeighborSocket.Open(target, config.Method));
                }
                catch (Exception e) when (e is NativeCallException or NetlinkException)
                {
                    failures.Add($"{target.Label}: {e.Message}");
                }
            }

            Wait(sockets, config.Timing.Timeout, cancellationToken);
            return Verdict(sockets, failures);
        }
        finally
        {
            foreach (NeighborSocket socket in sockets) socket.Dispose();
        }
    }

    /// <summary>poll(2) on every socket still waiting until all answered or the timeout is up.</summary>
    private static unsafe void Wait(List<NeighborSocket> sockets, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        var fds = new Interop.Libc.pollfd[Math.Max(1, sockets.Count)];
        while (!cancellationToken.IsCancellationRequested)
        {
            int waiting = 0;
            foreach (NeighborSocket socket in sockets)
            {
                if (socket.Answered is null) fds[waiting++] = new Interop.Libc.pollfd { fd = socket.Fd, events = Interop.Libc.POLLIN };
            }

            TimeSpan left = timeout - Stopwatch.GetElapsedTime(started);
            if (waiting == 0 || left <= TimeSpan.Zero) return;
            fixed (Interop.Libc.pollfd* p = fds)
            {
                int ready = Interop.Libc.Poll(p, (nuint)waiting, (int)Math.Ceiling(left.TotalMilliseconds));
                if (ready < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != Errno.EINTR) return;
            }

            foreach (NeighborSocket socket in sockets) socket.Drain();
        }
    }

    private CheckResult Verdict(List<NeighborSocket> sockets, List<string> failures)
    {
        var answers = new List<string>();
        var readings = new List<Measurement>();
        foreach (NeighborSocket socket in sockets)
        {
            Interlocked.Add(ref _malformed, socket.Malformed);
            string at = socket.Target.Label;
            if (socket.Answered is { } took)
            {
                answers.Add($"{at} answered on {socket.Target.InterfaceName} in {Milliseconds(took)}");
                readings.Add(new Measurement("round_trip_seconds", took.TotalSeconds, at));
            }
            else
            {
                string malformed = socket.Malformed > 0 ? $" ({socket.Malformed} malformed replies dropped: {socket.LastProblem})" : "";
                failures.Add($"{at} did not answer the {Request(socket.Target)} on {socket.Target.InterfaceName} within {Milliseconds(config.Timing.Timeout)}{malformed}");
            }
        }

        int total = answers.Count + failures.Count;
        readings.Add(new Measurement("answered", answers.Count));
        readings.Add(new Measurement("malformed_replies_total", Interlocked.Read(ref _malformed)));
        Volatile.Write(ref _measurements, readings);

        string quorum = config.Quorum is { } q ? $", quorum {q}" : "";
        if (answers.Count >= config.Required)
        {
            string also = failures.Count > 0 ? "; " + string.Join("; ", failures) : "";
            return CheckResult.Healthy($"{answers.Count} of {total} answered{quorum}: {string.Join("; ", answers)}{also}");
        }

        string answered = answers.Count > 0 ? "; " + string.Join("; ", answers) : "";
        return CheckResult.Unhealthy($"{answers.Count} of {total} answered{quorum}: {string.Join("; ", failures)}{answered}");
    }

    private string Request(NeighborTarget target) => (config.Method, target.Address?.AddressFamily) switch
    {
        (NeighborProbeMethod.Arp, System.Net.Sockets.AddressFamily.InterNetworkV6) => "neighbour solicitation",
        (NeighborProbeMethod.Arp, _) => "ARP request",
        (_, System.Net.Sockets.AddressFamily.InterNetworkV6) => "ICMPv6 echo",
        _ => "ICMP echo",
    };

    private static string Milliseconds(TimeSpan span) =>
        span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";

    public void Dispose()
    {
    }
}
