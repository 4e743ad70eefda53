namespace Vrrpd.Protocol;

/// <summary>The VRRP version nibble: 2 is RFC 3768 (IPv4 only), 3 is RFC 5798 / RFC 9568.</summary>
public enum VrrpVersion : byte
{
    V2 = 2,
    V3 = 3,
}
