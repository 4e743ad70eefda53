using System.Runtime.InteropServices;
using System.Text;

namespace Vrrpd.Linux;

/// <summary>socket(2) and setsockopt(2) with the errno turned into a <see cref="NativeCallException"/> at once.</summary>
internal static class SocketCalls
{
    internal static SafeFileDescriptor Open(int domain, int protocol, string operation, string? interfaceName)
    {
        int fd = Interop.Libc.Socket(domain, Interop.Libc.SOCK_RAW | Interop.Libc.SOCK_CLOEXEC, protocol);
        if (fd < 0)
            throw NativeCallException.FromLastError(operation, interfaceName);
        return new SafeFileDescriptor(fd);
    }

    internal static unsafe void SetInt(SafeFileDescriptor fd, int level, int option, int value, string optionName, string? interfaceName)
    {
        if (Interop.Libc.SetSockOpt(fd, level, option, &value, sizeof(int)) < 0)
            throw NativeCallException.FromLastError($"setsockopt({optionName})", interfaceName);
    }

    internal static unsafe void SetStruct<T>(SafeFileDescriptor fd, int level, int option, T value, string optionName, string? interfaceName)
        where T : unmanaged
    {
        if (Interop.Libc.SetSockOpt(fd, level, option, &value, (uint)sizeof(T)) < 0)
            throw NativeCallException.FromLastError($"setsockopt({optionName})", interfaceName);
    }

    /// <summary>SO_BINDTODEVICE: the socket sends and receives on this interface only.</summary>
    internal static unsafe void BindToDevice(SafeFileDescriptor fd, string interfaceName)
    {
        byte[] name = Encoding.UTF8.GetBytes(interfaceName + "\0");
        fixed (byte* p = name)
        {
            if (Interop.Libc.SetSockOpt(fd, Interop.Libc.SOL_SOCKET, Interop.Libc.SO_BINDTODEVICE, p, (uint)name.Length) < 0)
                throw NativeCallException.FromLastError("setsockopt(SO_BINDTODEVICE)", interfaceName);
        }
    }

    /// <summary>The kernel ifindex of <paramref name="interfaceName"/> in the calling thread's network namespace.</summary>
    internal static int InterfaceIndex(string interfaceName)
    {
        uint index = Interop.Libc.IfNameToIndex(interfaceName);
        if (index == 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new NativeCallException(errno == 0 ? Errno.ENODEV : errno, "if_nametoindex", interfaceName);
        }
        return (int)index;
    }
}
