using System.Net;
using System.Net.Sockets;

namespace Vrrpd.Linux.Netlink;

/// <summary>Route lookups in the calling thread's network namespace (RTM_GETROUTE), as `ip route` does.</summary>
public static class NetlinkRoutes
{
    /// <summary>The default route of the main table for <paramref name="family"/> that has a gateway (the first one
    /// the kernel lists, i.e. the lowest metric), or null when there is none.</summary>
    /// <exception cref="NetlinkException">The dump failed.</exception>
    public static RouteInfo? DefaultRoute(AddressFamily family)
    {
        RouteInfo? found = null;
        using var socket = NetlinkSocket.Open();
        uint sequence = socket.NextSequence();
        var request = new NetlinkMessageBuilder(Rtnetlink.RTM_GETROUTE, Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_DUMP, sequence)
            .RtMsg(Family(family), 0);
        socket.Dump(request, sequence, "RTM_GETROUTE dump", message =>
        {
            if (found is null && message.Type == Rtnetlink.RTM_NEWROUTE && RouteMessage.TryParse(message.Payload, out var route)
                && route is { Table: Rtnetlink.RT_TABLE_MAIN, Type: Rtnetlink.RTN_UNICAST, DestinationLength: 0, Gateway: not null })
                found = route;
        });
        return found;
    }

    /// <summary>The route the kernel would use to reach <paramref name="destination"/> (`ip route get`).</summary>
    /// <exception cref="NetlinkException">No route (ENETUNREACH) or the request failed.</exception>
    public static RouteInfo Get(IPAddress destination)
    {
        RouteInfo found = default;
        using var socket = NetlinkSocket.Open();
        uint sequence = socket.NextSequence();
        byte[] bytes = destination.GetAddressBytes();
        var request = new NetlinkMessageBuilder(Rtnetlink.RTM_GETROUTE, Rtnetlink.NLM_F_REQUEST, sequence)
            .RtMsg(Family(destination.AddressFamily), (byte)(bytes.Length * 8))
            .Attribute(Rtnetlink.RTA_DST, bytes);
        bool parsed = false;
        int errno = socket.Get(request, sequence, $"RTM_GETROUTE {destination}", message =>
        {
            if (message.Type == Rtnetlink.RTM_NEWROUTE)
                parsed = RouteMessage.TryParse(message.Payload, out found);
        });
        if (errno != 0)
            throw new NetlinkException(errno, $"RTM_GETROUTE {destination}");
        if (!parsed)
            throw new NetlinkException(Errno.EINVAL, $"RTM_GETROUTE {destination}");
        return found;
    }

    private static byte Family(AddressFamily family) =>
        family == AddressFamily.InterNetworkV6 ? (byte)Interop.Libc.AF_INET6 : (byte)Interop.Libc.AF_INET;
}
