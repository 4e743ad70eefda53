using System.Net;

namespace Vrrpd.Configuration;

/// <summary>One line of <c>virtual_ipaddress</c> or <c>virtual_ipaddress_excluded</c>, keepalived syntax:
/// <c>IP[/MASK] [brd IP|+|-] [dev IF] [scope S] [label IF:x] [-nodad] [no_track] ...</c>.</summary>
/// <param name="PrefixLength">Defaults to /32 (IPv4) or /128 (IPv6).</param>
/// <param name="Device">The <c>dev</c> word, else the instance's interface.</param>
/// <param name="NoDad">IPv6 addresses are always added with IFA_F_NODAD, as keepalived does.</param>
/// <param name="NoTrack">An external deletion of the address does not take the instance out of Master.</param>
public sealed record VirtualAddressConfig(
    IPAddress Address,
    int PrefixLength,
    string Device,
    string? Label,
    IPAddress? Broadcast,
    AddressScope Scope,
    bool NoDad,
    bool NoTrack,
    SourceLocation Location);

/// <summary>The kernel's rtnetlink address scope (RT_SCOPE_*), by the names <c>ip addr</c> uses.</summary>
public enum AddressScope : byte
{
    Global = 0,
    Site = 200,
    Link = 253,
    Host = 254,
    Nowhere = 255,
}
