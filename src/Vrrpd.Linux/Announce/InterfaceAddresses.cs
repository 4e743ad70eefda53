using System.Net;
using System.Net.Sockets;
using Vrrpd.Linux.Netlink;

namespace Vrrpd.Linux.Announce;

/// <summary>
/// The source addresses VRRP sends from (RFC 5798 §5.1.1.1: the primary IPv4 address of the interface;
/// §5.1.2.1: its IPv6 link-local address), read from a netlink dump in the calling thread's namespace.
/// </summary>
public static class InterfaceAddresses
{
    /// <summary>The first IPv4 address that is not secondary, or null.</summary>
    public static IPAddress? PrimaryIPv4(int interfaceIndex)
    {
        using var table = new NetlinkAddressTable();
        foreach (var address in table.List(interfaceIndex))
        {
            if (address.Address.AddressFamily == AddressFamily.InterNetwork && !address.IsSecondary)
                return address.Address;
        }
        return null;
    }

    /// <summary>The fe80::/10 address, a non-tentative one first; null when there is none (IPv6 off, link down).</summary>
    public static IPAddress? LinkLocalIPv6(int interfaceIndex)
    {
        using var table = new NetlinkAddressTable();
        IPAddress? tentative = null;
        foreach (var address in table.List(interfaceIndex))
        {
            if (!address.Address.IsIPv6LinkLocal)
                continue;
            if (!address.IsTentative)
                return address.Address;
            tentative ??= address.Address;
        }
        return tentative;
    }
}
