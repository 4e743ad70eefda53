using System.Runtime.InteropServices;

namespace Vrrpd.Linux.Netlink;

/// <summary>One netlink message out of a received buffer: its type, flags, sequence and payload (after nlmsghdr).</summary>
internal readonly ref struct NetlinkMessage(ushort type, ushort flags, uint sequence, ReadOnlySpan<byte> payload)
{
    public ushort Type { get; } = type;
    public ushort Flags { get; } = flags;
    public uint Sequence { get; } = sequence;
    public ReadOnlySpan<byte> Payload { get; } = payload;

    /// <summary>NLMSG_ERROR's int error: 0 for an ACK, otherwise a negative errno.</summary>
    public int Error => Payload.Length >= 4 ? MemoryMarshal.Read<int>(Payload) : -Errno.EINVAL;
}

/// <summary>Walks the messages in one recv() of a netlink socket (NLMSG_OK / NLMSG_NEXT), host-endian. Never throws.</summary>
internal ref struct NetlinkMessageReader(ReadOnlySpan<byte> buffer)
{
    private ReadOnlySpan<byte> _rest = buffer;

    public bool TryRead(out NetlinkMessage message)
    {
        message = default;
        if (_rest.Length < Rtnetlink.NlMsgHdrLength)
            return false;
        int length = (int)MemoryMarshal.Read<uint>(_rest);
        if (length < Rtnetlink.NlMsgHdrLength || length > _rest.Length)
            return false;
        message = new NetlinkMessage(MemoryMarshal.Read<ushort>(_rest[4..]), MemoryMarshal.Read<ushort>(_rest[6..]),
            MemoryMarshal.Read<uint>(_rest[8..]), _rest[Rtnetlink.NlMsgHdrLength..length]);
        _rest = _rest[Math.Min(NetlinkMessageBuilder.Align(length), _rest.Length)..];
        return true;
    }
}

/// <summary>Walks rtattrs (RTA_OK / RTA_NEXT). Never throws.</summary>
internal ref struct AttributeReader(ReadOnlySpan<byte> attributes)
{
    private ReadOnlySpan<byte> _rest = attributes;

    public bool TryRead(out ushort type, out ReadOnlySpan<byte> value)
    {
        type = 0;
        value = default;
        if (_rest.Length < 4)
            return false;
        int length = MemoryMarshal.Read<ushort>(_rest);
        if (length < 4 || length > _rest.Length)
            return false;
        type = (ushort)(MemoryMarshal.Read<ushort>(_rest[2..]) & 0x3fff); // without NLA_F_NESTED / NLA_F_NET_BYTEORDER
        value = _rest[4..length];
        _rest = _rest[Math.Min(NetlinkMessageBuilder.Align(length), _rest.Length)..];
        return true;
    }
}
