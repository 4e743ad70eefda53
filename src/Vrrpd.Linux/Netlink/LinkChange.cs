namespace Vrrpd.Linux.Netlink;

/// <summary>An interface appeared or changed state (RTM_NEWLINK), or went away (RTM_DELLINK, <paramref name="Removed"/>).</summary>
public readonly record struct LinkChange(LinkInfo Link, bool Removed);
