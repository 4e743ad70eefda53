using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Vrrpd.Linux.Netlink;

/// <summary>Reads an RTM_NEWADDR / RTM_DELADDR payload (ifaddrmsg + rtattrs) into an <see cref="InterfaceAddress"/>.</summary>
internal static class AddressMessage
{
    public static bool TryParse(ReadOnlySpan<byte> payload, out InterfaceAddress address)
    {
        address = default;
        if (payload.Length < Rtnetlink.IfAddrMsgLength)
            return false;
        byte family = payload[0];
        int addressLength = family switch { Interop.Libc.AF_INET => 4, Interop.Libc.AF_INET6 => 16, _ => 0 };
        if (addressLength == 0)
            return false;
        uint flags = payload[2];
        int index = MemoryMarshal.Read<int>(payload[4..]);
        ReadOnlySpan<byte> local = default, peer = default;
        string? label = null;
        var attributes = new AttributeReader(payload[Rtnetlink.IfAddrMsgLength..]);
        while (attributes.TryRead(out ushort type, out var value))
        {
            switch (type)
            {
                case Rtnetlink.IFA_LOCAL: local = value; break;
                case Rtnetlink.IFA_ADDRESS: peer = value; break;
                case Rtnetlink.IFA_LABEL: label = Encoding.UTF8.GetString(value).TrimEnd('\0'); break;
                case Rtnetlink.IFA_FLAGS when value.Length >= 4: flags = MemoryMarshal.Read<uint>(value); break;
            }
        }
        // IFA_LOCAL is the address itself; IFA_ADDRESS is the peer on point-to-point links (and the only one IPv6 sends).
        var bytes = local.Length == addressLength ? local : peer;
        if (bytes.Length != addressLength)
            return false;
        address = new InterfaceAddress(index, new IPAddress(bytes), payload[1], payload[3], flags, label);
        return true;
    }
}
