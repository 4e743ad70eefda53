namespace Vrrpd.Linux.Netlink;

/// <summary>
/// The kernel refused a netlink request, e.g. "RTM_NEWADDR 192.0.2.10/32 on eth0: Operation not permitted (EPERM)".
/// </summary>
public sealed class NetlinkException : Exception
{
    public NetlinkException(int errno, string operation)
        : base($"{operation}: {Linux.Errno.Describe(errno)}")
    {
        Errno = errno;
        Operation = operation;
    }

    /// <summary>The positive errno (EPERM = 1, ...).</summary>
    public int Errno { get; }

    /// <summary>What was asked, e.g. "RTM_NEWADDR 192.0.2.10/32 on eth0".</summary>
    public string Operation { get; }
}
