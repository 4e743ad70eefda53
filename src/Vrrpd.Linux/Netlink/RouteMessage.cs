using System.Net;

namespace Vrrpd.Linux.Netlink;

/// <summary>What the neighbour tracker needs of one route: its table, type, prefix length, output interface and
/// gateway (RTA_GATEWAY; null for an on-link route).</summary>
public readonly record struct RouteInfo(byte Table, byte Type, int DestinationLength, int OutputInterface, IPAddress? Gateway);

/// <summary>Parses RTM_NEWROUTE: struct rtmsg, then rtattrs. Never throws; false when the message is too short.</summary>
internal static class RouteMessage
{
    public static bool TryParse(ReadOnlySpan<byte> payload, out RouteInfo route)
    {
        route = default;
        if (payload.Length < Rtnetlink.RtMsgLength)
            return false;
        byte family = payload[0];
        int addressLength = family == Interop.Libc.AF_INET ? 4 : family == Interop.Libc.AF_INET6 ? 16 : 0;
        uint table = payload[4];
        int outputInterface = 0;
        IPAddress? gateway = null;
        var attributes = new AttributeReader(payload[Rtnetlink.RtMsgLength..]);
        while (attributes.TryRead(out ushort type, out ReadOnlySpan<byte> value))
        {
            if (type == Rtnetlink.RTA_OIF && value.Length >= 4)
                outputInterface = System.Runtime.InteropServices.MemoryMarshal.Read<int>(value);
            else if (type == Rtnetlink.RTA_TABLE && value.Length >= 4)
                table = System.Runtime.InteropServices.MemoryMarshal.Read<uint>(value);
            else if (type == Rtnetlink.RTA_GATEWAY && addressLength > 0 && value.Length == addressLength)
                gateway = new IPAddress(value);
        }
        route = new RouteInfo((byte)Math.Min(table, 255u), payload[7], payload[1], outputInterface, gateway);
        return true;
    }
}
