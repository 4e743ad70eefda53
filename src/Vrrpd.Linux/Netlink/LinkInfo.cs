using System.Net.NetworkInformation;

namespace Vrrpd.Linux.Netlink;

/// <summary>One interface, as rtnetlink reports it.</summary>
/// <param name="IsUp">IFF_UP and IFF_RUNNING: administratively up and with carrier (operationally up).</param>
/// <param name="Mac">IFLA_ADDRESS; <see cref="PhysicalAddress.None"/> for interfaces without one.</param>
public readonly record struct LinkInfo(int Index, string Name, bool IsUp, PhysicalAddress Mac);
