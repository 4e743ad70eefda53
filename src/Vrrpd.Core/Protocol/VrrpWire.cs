using System.Net;
using System.Net.Sockets;

namespace Vrrpd.Protocol;

/// <summary>Fixed numbers of the VRRP wire format (docs/design/vrrp-protocol.md §1).</summary>
public static class VrrpWire
{
    /// <summary>IP protocol / IPv6 next header 112 (RFC 3768 §5.2.4, RFC 5798 §5.1.1.4).</summary>
    public const byte IpProtocol = 112;

    /// <summary>TTL / hop limit on send, and the only value accepted on receive (RFC 5798 §5.1.1.3, §7.1).</summary>
    public const byte RequiredHopLimit = 255;

    /// <summary>Type 1 = ADVERTISEMENT, the only type (RFC 5798 §5.2.2).</summary>
    public const byte AdvertisementType = 1;

    /// <summary>Version/type byte, Virtual Rtr ID, Priority, Count, interval (and v2 auth type), checksum.</summary>
    public const int HeaderLength = 8;

    /// <summary>v2 Authentication Data after the addresses (RFC 3768 §5.3.10).</summary>
    public const int V2AuthDataLength = 8;

    /// <summary>v3 Max Adver Int is 12 bits of centiseconds (RFC 5798 §5.2.7).</summary>
    public const int MaxV3IntervalCentiseconds = 4095;

    /// <summary>224.0.0.18 (RFC 3768 §5.2.2, RFC 5798 §5.1.1.2).</summary>
    public static IPAddress Ipv4Group { get; } = IPAddress.Parse("224.0.0.18");

    /// <summary>ff02::12 (RFC 5798 §5.1.2.2).</summary>
    public static IPAddress Ipv6Group { get; } = IPAddress.Parse("ff02::12");

    /// <summary>True for 224.0.0.0/4 and ff00::/8.</summary>
    public static bool IsMulticast(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => address.TryWriteBytes(bytes, out _) && (bytes[0] & 0xF0) == 0xE0,
            AddressFamily.InterNetworkV6 => address.IsIPv6Multicast,
            _ => false,
        };
    }

    /// <summary>Bytes of an IPv4 (4) or IPv6 (16) address; other families are not VRRP's.</summary>
    public static int AddressLength(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => 4,
        AddressFamily.InterNetworkV6 => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "VRRP carries IPv4 or IPv6 addresses only"),
    };

    /// <summary>
    /// Same address bytes, ignoring the IPv6 scope id: a link-local source read from a socket carries the
    /// interface's scope id, the same address written in a config file does not.
    /// </summary>
    public static bool SameAddress(IPAddress a, IPAddress b)
    {
        if (a.AddressFamily != b.AddressFamily)
        {
            return false;
        }

        Span<byte> left = stackalloc byte[16];
        Span<byte> right = stackalloc byte[16];
        return a.TryWriteBytes(left, out int leftLength)
            && b.TryWriteBytes(right, out int rightLength)
            && left[..leftLength].SequenceEqual(right[..rightLength]);
    }
}
