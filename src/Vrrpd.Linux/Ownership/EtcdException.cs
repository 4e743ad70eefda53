namespace Vrrpd.Linux.Ownership;

/// <summary>
/// etcd answered with an error (the gateway's <c>{"error", "code", "message"}</c> body), or not at all. The message
/// names the endpoint. <see cref="Answered"/> tells a definite answer (a lease not found, a bad request) from a
/// member that could not serve the request (no leader, timed out, unreachable), which is worth the next endpoint.
/// </summary>
public sealed class EtcdException(string message, int? grpcCode, bool answered, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The gRPC status code etcd returned (5 NotFound, 14 Unavailable, ...); null when there was no answer.</summary>
    public int? GrpcCode { get; } = grpcCode;

    /// <summary>True when a member answered this definitely; false when another member might answer differently.</summary>
    public bool Answered { get; } = answered;

    /// <summary>gRPC NOT_FOUND: "etcdserver: requested lease not found".</summary>
    public bool IsNotFound => GrpcCode == 5;
}
