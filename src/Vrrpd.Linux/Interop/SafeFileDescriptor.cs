using System.Runtime.InteropServices;

namespace Vrrpd.Linux;

/// <summary>
/// Owns one Linux file descriptor (socket, eventfd). Calls that take it AddRef it, so a Dispose on another
/// thread never closes the fd under a call in progress: the close happens when the last call returns.
/// </summary>
internal sealed class SafeFileDescriptor : SafeHandle
{
    public SafeFileDescriptor() : base(invalidHandleValue: -1, ownsHandle: true) { }

    public SafeFileDescriptor(int fd) : this() => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    /// <summary>The raw fd, for poll(2); only while a reference is held.</summary>
    internal int Fd => (int)handle;

    protected override bool ReleaseHandle() => Interop.Libc.Close((int)handle) == 0;
}
