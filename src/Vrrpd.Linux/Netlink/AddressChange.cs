namespace Vrrpd.Linux.Netlink;

/// <summary>An address appeared or changed (RTM_NEWADDR), or went away (RTM_DELADDR, <paramref name="Removed"/>).</summary>
public readonly record struct AddressChange(InterfaceAddress Address, bool Removed);
