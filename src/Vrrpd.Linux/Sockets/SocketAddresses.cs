using System.Net;
using System.Net.Sockets;

namespace Vrrpd.Linux.Sockets;

/// <summary>IPAddress to and from the kernel's sockaddr_in / sockaddr_in6.</summary>
internal static unsafe class SocketAddresses
{
    internal static Interop.Libc.sockaddr_in ToSockaddrIn(IPAddress address)
    {
        var sa = new Interop.Libc.sockaddr_in { sin_family = Interop.Libc.AF_INET };
        address.TryWriteBytes(new Span<byte>(sa.sin_addr, 4), out _);
        return sa;
    }

    /// <summary>The scope id is the interface, which link-local and ff02:: destinations need.</summary>
    internal static Interop.Libc.sockaddr_in6 ToSockaddrIn6(IPAddress address, int interfaceIndex)
    {
        var sa = new Interop.Libc.sockaddr_in6 { sin6_family = Interop.Libc.AF_INET6, sin6_scope_id = (uint)interfaceIndex };
        address.TryWriteBytes(new Span<byte>(sa.sin6_addr, 16), out _);
        return sa;
    }

    /// <summary>
    /// The address without its scope id: the receive path reports the interface separately, and a scoped
    /// fe80:: address would not compare equal to the same address from configuration.
    /// </summary>
    internal static IPAddress FromSockaddrIn6(in Interop.Libc.sockaddr_in6 sa)
    {
        fixed (byte* bytes = sa.sin6_addr)
            return new IPAddress(new ReadOnlySpan<byte>(bytes, 16));
    }

    internal static void RequireFamily(IPAddress address, AddressFamily family, string what)
    {
        if (address.AddressFamily != family)
            throw new ArgumentException($"{what} {address} is not {family}", nameof(address));
    }
}
