using System.Net;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>An address configured on a host's eth0, as `ip -j addr` reports it.</summary>
public sealed record LabAddress(IPAddress Address, int PrefixLength, string Scope)
{
    public bool IsLinkLocal => Scope == "link";

    public override string ToString() => $"{Address}/{PrefixLength}";
}
