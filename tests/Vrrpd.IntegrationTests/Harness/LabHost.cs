using System.Net;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// One host of a <see cref="Lab"/>: a network namespace whose eth0 is one end of a veth pair; the other end,
/// <see cref="BridgePort"/>, is enslaved to the lab's bridge in the switch namespace.
/// </summary>
public sealed record LabHost(int Index, string Namespace, string BridgePort)
{
    public string Name => $"h{Index}";

    /// <summary>192.0.2.(10+i)/24 (RFC 5737 documentation range).</summary>
    public IPAddress Ipv4 => IPAddress.Parse($"192.0.2.{10 + Index}");

    /// <summary>2001:db8::(10+i)/64 (RFC 3849 documentation range).</summary>
    public IPAddress Ipv6 => IPAddress.Parse($"2001:db8::{10 + Index}");

    public override string ToString() => $"{Name} ({Namespace}, {Ipv4})";
}
