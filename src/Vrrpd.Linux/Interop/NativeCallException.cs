using System.Runtime.InteropServices;

namespace Vrrpd.Linux;

/// <summary>
/// A failed libc call on a socket: names the call and the interface, e.g.
/// "setsockopt(IP_MULTICAST_TTL) on eth0: Operation not permitted (EPERM)".
/// </summary>
public sealed class NativeCallException : Exception
{
    public NativeCallException(int errno, string operation, string? interfaceName)
        : base($"{operation}{(interfaceName is null ? "" : " on " + interfaceName)}: {Linux.Errno.Describe(errno)}")
    {
        this.Errno = errno;
        Operation = operation;
        InterfaceName = interfaceName;
    }

    public int Errno { get; }

    public string Operation { get; }

    public string? InterfaceName { get; }

    /// <summary>Builds the exception from the errno of the libc call that just returned -1.</summary>
    internal static NativeCallException FromLastError(string operation, string? interfaceName) =>
        new(Marshal.GetLastPInvokeError(), operation, interfaceName);
}
