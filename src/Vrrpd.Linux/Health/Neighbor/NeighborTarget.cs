using System.Net;
using System.Net.Sockets;
using Vrrpd.Configuration;
using Vrrpd.Linux.Netlink;

namespace Vrrpd.Linux.Health.Neighbor;

/// <summary>One address to probe and the interface to probe it on, or why it cannot be probed this time.</summary>
internal sealed record NeighborTarget(IPAddress? Address, int InterfaceIndex, string InterfaceName, string? Problem)
{
    /// <summary>"192.0.2.1", or "the default gateway" when none could be found.</summary>
    public string Label => Address?.ToString() ?? "the default gateway";

    /// <summary>Resolves the configured addresses (or the default gateway) against the kernel's routes now, so
    /// a changed route or gateway is followed at the next probe. Never throws.</summary>
    public static IReadOnlyList<NeighborTarget> Resolve(NeighborTrackerConfig config)
    {
        if (config.Addresses.Count == 0)
            return [DefaultGateway(config)];
        return config.Addresses.Select(a => Route(config, a)).ToList();
    }

    private static NeighborTarget DefaultGateway(NeighborTrackerConfig config)
    {
        try
        {
            if (NetlinkRoutes.DefaultRoute(AddressFamily.InterNetwork) is not { Gateway: { } gateway } route)
                return new NeighborTarget(null, 0, "", "there is no IPv4 default route with a gateway in the main table");
            return config.Interface is { } name
                ? OnNamedInterface(gateway, name)
                : new NeighborTarget(gateway, route.OutputInterface, NameOf(route.OutputInterface), null);
        }
        catch (Exception e) when (e is NetlinkException or NativeCallException)
        {
            return new NeighborTarget(null, 0, "", e.Message);
        }
    }

    private static NeighborTarget Route(NeighborTrackerConfig config, IPAddress address)
    {
        if (config.Interface is { } name)
            return OnNamedInterface(address, name);
        try
        {
            RouteInfo route = NetlinkRoutes.Get(address);
            string interfaceName = NameOf(route.OutputInterface);
            if (config.Method == NeighborProbeMethod.Arp && route.Gateway is { } via)
                return new NeighborTarget(address, route.OutputInterface, interfaceName, $"not on-link (routed via {via} on {interfaceName}); ARP and neighbour solicitation reach on-link neighbours only");
            return new NeighborTarget(address, route.OutputInterface, interfaceName, null);
        }
        catch (NetlinkException e)
        {
            return new NeighborTarget(address, 0, "", e.Message);
        }
    }

    private static NeighborTarget OnNamedInterface(IPAddress address, string name)
    {
        try
        {
            return new NeighborTarget(address, SocketCalls.InterfaceIndex(name), name, null);
        }
        catch (NativeCallException e)
        {
            return new NeighborTarget(address, 0, name, e.Message);
        }
    }

    private static string NameOf(int index) => Interop.Libc.IfIndexToName(index) ?? "ifindex " + index;
}
