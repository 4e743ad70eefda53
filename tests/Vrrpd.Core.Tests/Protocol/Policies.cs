using System.Net;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

/// <summary>Receive policies for tests: a local backup at priority 100, multicast, no auth.</summary>
internal static class Policies
{
    /// <summary>The instance that would accept <paramref name="packet"/> unchanged.</summary>
    public static ReceivePolicy Matching(AdvertisementPacket packet, string? password = null) => new(
        packet.Version,
        packet.VirtualRouterId,
        LocalPriority: 100,
        packet.AdvertisementInterval,
        packet.AuthType,
        password is null ? ReadOnlyMemory<byte>.Empty : System.Text.Encoding.ASCII.GetBytes(password),
        packet.Addresses.ToArray(),
        Multicast: true,
        UnicastPeers: null,
        CheckUnicastSource: false);

    public static ReceivePolicy V2(byte vrid) => Make(VrrpVersion.V2, vrid, "192.0.2.53");

    public static ReceivePolicy V3Ipv4(byte vrid) => Make(VrrpVersion.V3, vrid, "192.0.2.51");

    public static ReceivePolicy V3Ipv6(byte vrid) => Make(VrrpVersion.V3, vrid, "fe80::1");

    private static ReceivePolicy Make(VrrpVersion version, byte vrid, string address) => new(
        version, vrid, 100, TimeSpan.FromSeconds(1), 0, ReadOnlyMemory<byte>.Empty, [IPAddress.Parse(address)], true, null, false);
}
