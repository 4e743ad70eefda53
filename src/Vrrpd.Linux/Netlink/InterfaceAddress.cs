using System.Net;

namespace Vrrpd.Linux.Netlink;

/// <summary>One address of an interface, as rtnetlink reports it.</summary>
/// <param name="Scope">RT_SCOPE_*: 0 universe, 253 link, 254 host.</param>
/// <param name="Flags">IFA_F_* (IFA_FLAGS when the kernel sends it): 0x01 secondary, 0x02 nodad, 0x40 tentative, 0x80 permanent.</param>
/// <param name="Label">IPv4 only: the label (eth0, eth0:vip), null for IPv6.</param>
public readonly record struct InterfaceAddress(int InterfaceIndex, IPAddress Address, int PrefixLength, byte Scope, uint Flags, string? Label)
{
    public bool IsSecondary => (Flags & Rtnetlink.IFA_F_SECONDARY) != 0;

    public bool IsTentative => (Flags & Rtnetlink.IFA_F_TENTATIVE) != 0;
}
