using System.Runtime.InteropServices;

namespace Vrrpd.Linux;

/// <summary>errno values vrrpd reacts to, and the symbolic name of any errno for messages.</summary>
internal static class Errno
{
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int ESRCH = 3;
    internal const int EINTR = 4;
    internal const int EAGAIN = 11;
    internal const int ENOMEM = 12;
    internal const int EACCES = 13;
    internal const int EBUSY = 16;
    internal const int EEXIST = 17;
    internal const int ENODEV = 19;
    internal const int EINVAL = 22;
    internal const int ENOBUFS = 105;
    internal const int EADDRNOTAVAIL = 99;
    internal const int ETIMEDOUT = 110;
    internal const int ECONNREFUSED = 111;

    private static readonly Dictionary<int, string> Names = new()
    {
        [EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH", [EINTR] = "EINTR", [6] = "ENXIO", [9] = "EBADF",
        [EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM", [EACCES] = "EACCES", [EBUSY] = "EBUSY", [EEXIST] = "EEXIST",
        [ENODEV] = "ENODEV", [EINVAL] = "EINVAL", [90] = "EMSGSIZE", [92] = "ENOPROTOOPT",
        [93] = "EPROTONOSUPPORT", [95] = "EOPNOTSUPP", [97] = "EAFNOSUPPORT", [98] = "EADDRINUSE",
        [EADDRNOTAVAIL] = "EADDRNOTAVAIL", [100] = "ENETDOWN", [101] = "ENETUNREACH", [ENOBUFS] = "ENOBUFS",
        [ETIMEDOUT] = "ETIMEDOUT", [ECONNREFUSED] = "ECONNREFUSED", [113] = "EHOSTUNREACH",
    };

    /// <summary>"Operation not permitted (EPERM)".</summary>
    internal static string Describe(int errno) =>
        $"{Marshal.GetPInvokeErrorMessage(errno)} ({(Names.TryGetValue(errno, out var name) ? name : "errno " + errno)})";
}
