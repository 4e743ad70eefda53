using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using System.Text;

namespace Vrrpd.Linux.Netlink;

/// <summary>Reads an RTM_NEWLINK / RTM_DELLINK payload (ifinfomsg + rtattrs) into a <see cref="LinkInfo"/>.</summary>
internal static class LinkMessage
{
    public static bool TryParse(ReadOnlySpan<byte> payload, out LinkInfo link)
    {
        link = default;
        if (payload.Length < Rtnetlink.IfInfoMsgLength)
            return false;
        int index = MemoryMarshal.Read<int>(payload[4..]);
        uint flags = MemoryMarshal.Read<uint>(payload[8..]);
        string? name = null;
        var mac = PhysicalAddress.None;
        var attributes = new AttributeReader(payload[Rtnetlink.IfInfoMsgLength..]);
        while (attributes.TryRead(out ushort type, out var value))
        {
            if (type == Rtnetlink.IFLA_IFNAME)
                name = Encoding.UTF8.GetString(value).TrimEnd('\0');
            else if (type == Rtnetlink.IFLA_ADDRESS)
                mac = new PhysicalAddress(value.ToArray());
        }
        if (name is null)
            return false;
        const uint upAndRunning = Rtnetlink.IFF_UP | Rtnetlink.IFF_RUNNING;
        link = new LinkInfo(index, name, (flags & upAndRunning) == upAndRunning, mac);
        return true;
    }
}
