using System.Net;
using System.Net.Sockets;
using Vrrpd.Linux.Netlink;

namespace Vrrpd.Linux.Announce;

/// <summary>
/// The source addresses VRRP sends from (RFC 5798 §5.1.1.1: the primary IPv4 address of the interface;
/// §5.1.2.1: its IPv6 link-local address), chosen from a netlink address dump.
/// </summary>
public static class InterfaceAddresses
{
    /// <summary>The first IPv4 address of the interface that is not secondary and not <paramref name="excluded"/>
    /// (a VIP the kernel promoted to primary when the real primary was deleted is not a source), or null.</summary>
    public static IPAddress? PrimaryIPv4(IEnumerable<InterfaceAddress> dump, int interfaceIndex, Func<IPAddress, bool>? excluded = null)
    {
        foreach (var address in dump)
        {
            if (address.InterfaceIndex == interfaceIndex && address.Address.AddressFamily == AddressFamily.InterNetwork
                && !address.IsSecondary && excluded?.Invoke(address.Address) != true)
                return address.Address;
        }
        return null;
    }

    /// <summary>The interface's fe80::/10 address, a non-tentative one first; null when there is none (IPv6 off,
    /// link down, deleted).</summary>
    public static IPAddress? LinkLocalIPv6(IEnumerable<InterfaceAddress> dump, int interfaceIndex)
    {
        IPAddress? tentative = null;
        foreach (var address in dump)
        {
            if (address.InterfaceIndex != interfaceIndex || !address.Address.IsIPv6LinkLocal)
                continue;
            if (!address.IsTentative)
                return address.Address;
            tentative ??= address.Address;
        }
        return tentative;
    }

    /// <summary>Whether any interface has <paramref name="address"/> (a configured unicast_src_ip must be local).</summary>
    public static bool IsLocal(IEnumerable<InterfaceAddress> dump, IPAddress address) =>
        dump.Any(a => a.Address.Equals(address));
}
