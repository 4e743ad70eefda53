using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Vrrpd.Health;

namespace Vrrpd.Linux.Health.Container;

/// <summary><c>tcp_socket HOST:PORT</c>, Kubernetes' tcpSocket rule: alive when a TCP connect succeeds; the
/// connection is closed at once (docs/design/container-health.md §8).</summary>
public sealed class TcpLivenessCheck
{
    private readonly EndPoint _endPoint;

    /// <param name="target">"127.0.0.1:8080", "[2001:db8::1]:8080" or "host.example:8080".</param>
    public TcpLivenessCheck(string target)
    {
        Target = target;
        _endPoint = Parse(target);
    }

    public string Target { get; }

    public static EndPoint Parse(string target)
    {
        if (IPEndPoint.TryParse(target, out var ip) && ip.Port != 0 && (target.Contains(']') || target.Count(c => c == ':') == 1))
            return ip;
        var colon = target.LastIndexOf(':');
        if (colon <= 0 || target.Contains(']')
            || !int.TryParse(target.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
            throw new FormatException($"tcp_socket {target}: expected HOST:PORT");
        return new DnsEndPoint(target[..colon], port);
    }

    public async Task<CheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        using var socket = _endPoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(_endPoint, cancellationToken).ConfigureAwait(false);
            return CheckResult.Healthy($"tcp {Target} accepted a connection");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CheckResult.Unhealthy($"tcp {Target}: no connection in time");
        }
        catch (SocketException e)
        {
            return CheckResult.Unhealthy($"tcp {Target}: {e.Message}");
        }
    }
}
