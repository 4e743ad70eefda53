using System.Net;

namespace Vrrpd.StateMachine;

/// <summary>The election tie-break between equal priorities.</summary>
internal static class AddressOrder
{
    /// <summary>
    /// RFC 9568 §6.4.3: "an unsigned integer comparison of the IPvX addresses in network byte order"; for IPv6 the
    /// compared addresses are link-local sources (scope ids play no part). Shorter (IPv4) sorts before IPv6.
    /// </summary>
    public static int Compare(IPAddress a, IPAddress b)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x, out int xLength);
        b.TryWriteBytes(y, out int yLength);
        return xLength != yLength ? xLength.CompareTo(yLength) : x[..xLength].SequenceCompareTo(y[..yLength]);
    }
}
