using System.Runtime.InteropServices;
using System.Text;

namespace Vrrpd.Linux.Netlink;

/// <summary>
/// Builds one netlink request: nlmsghdr, the family header (ifaddrmsg, ifinfomsg), then rtattrs, each padded
/// to 4 bytes (NLMSG_ALIGN / RTA_ALIGN). Netlink is host-endian by definition, so integers are written in
/// native order (MemoryMarshal), unlike the big-endian wire formats elsewhere.
/// </summary>
internal sealed class NetlinkMessageBuilder
{
    private readonly byte[] _buffer = new byte[512];
    private int _length;

    public NetlinkMessageBuilder(ushort type, ushort flags, uint sequence)
    {
        _length = Rtnetlink.NlMsgHdrLength;
        Write(4, type);
        Write(6, flags);
        Write(8, sequence);
    }

    /// <summary>struct ifaddrmsg { ifa_family, ifa_prefixlen, ifa_flags, ifa_scope, ifa_index }.</summary>
    public NetlinkMessageBuilder IfAddrMsg(byte family, byte prefixLength, byte flags, byte scope, int index)
    {
        _buffer[_length] = family;
        _buffer[_length + 1] = prefixLength;
        _buffer[_length + 2] = flags;
        _buffer[_length + 3] = scope;
        Write(_length + 4, index);
        _length += Rtnetlink.IfAddrMsgLength;
        return this;
    }

    /// <summary>struct ifinfomsg, all zero but the family: what a dump request needs.</summary>
    public NetlinkMessageBuilder IfInfoMsg(byte family)
    {
        _buffer[_length] = family;
        _length += Rtnetlink.IfInfoMsgLength;
        return this;
    }

    /// <summary>struct rtmsg { rtm_family, rtm_dst_len, rtm_src_len, rtm_tos, rtm_table, rtm_protocol, rtm_scope,
    /// rtm_type, rtm_flags }, all zero but the family and destination length: what RTM_GETROUTE needs.</summary>
    public NetlinkMessageBuilder RtMsg(byte family, byte destinationLength)
    {
        _buffer[_length] = family;
        _buffer[_length + 1] = destinationLength;
        _length += Rtnetlink.RtMsgLength;
        return this;
    }

    public NetlinkMessageBuilder Attribute(ushort type, ReadOnlySpan<byte> value)
    {
        int attributeLength = 4 + value.Length;
        Write(_length, (ushort)attributeLength);
        Write(_length + 2, type);
        value.CopyTo(_buffer.AsSpan(_length + 4));
        _length += Align(attributeLength);
        return this;
    }

    public NetlinkMessageBuilder Attribute(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        MemoryMarshal.Write(bytes, in value);
        return Attribute(type, bytes);
    }

    /// <summary>A NUL-terminated string attribute (IFA_LABEL).</summary>
    public NetlinkMessageBuilder Attribute(ushort type, string value) => Attribute(type, Encoding.UTF8.GetBytes(value + "\0"));

    /// <summary>The finished message, nlmsg_len filled in.</summary>
    public ReadOnlySpan<byte> Build()
    {
        Write(0, (uint)_length);
        return _buffer.AsSpan(0, _length);
    }

    internal static int Align(int length) => (length + 3) & ~3;

    private void Write<T>(int offset, T value) where T : unmanaged => MemoryMarshal.Write(_buffer.AsSpan(offset), in value);
}
