namespace Vrrpd.IntegrationTests;

/// <summary>The virtual addresses the tests float (documentation ranges, RFC 5737 / RFC 3849).</summary>
internal static class Addresses
{
    public const string Vip4 = "192.0.2.100";
    public const string Vip6 = "2001:db8::100";
}
