using System.Net.Http;

namespace Vrrpd.Linux.Ownership;

/// <summary>How <see cref="EtcdClient"/> reaches etcd (docs/design/ownership.md §5).</summary>
public sealed record EtcdClientOptions
{
    /// <summary>The members' client URLs, in the order they are tried first.</summary>
    public required IReadOnlyList<Uri> Endpoints { get; init; }

    /// <summary>How long one request to one member may take, connection included.</summary>
    public required TimeSpan RequestTimeout { get; init; }

    /// <summary>The largest answer read (a unary answer, or one watch message); anything longer is an error. A claim's
    /// key and its answers are a few hundred bytes.</summary>
    public int MaxResponseBytes { get; init; } = 64 * 1024;

    /// <summary>Opens the TCP connection for a request; null = an ordinary socket. Tests use it to connect from inside
    /// a network namespace.</summary>
    public Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? Connect { get; init; }
}
