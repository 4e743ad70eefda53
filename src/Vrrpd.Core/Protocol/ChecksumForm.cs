namespace Vrrpd.Protocol;

/// <summary>
/// What the VRRP checksum covers (docs/design/vrrp-protocol.md §4). Only v3 over IPv4 has a choice: RFC 5798 §5.2.8 was read by
/// keepalived, FRR, scapy and Wireshark as "with the IPv4 pseudo-header", RFC 9568 §5.2.8 says "message only".
/// A peer using the other form sees every advert as a bad checksum, so both sides become Master.
/// </summary>
public enum ChecksumForm
{
    /// <summary>The VRRP message only: always for v2 (RFC 3768 §5.3.8); RFC 9568 §5.2.8 for v3 over IPv4.</summary>
    MessageOnly,

    /// <summary>
    /// Pseudo-header plus message: RFC 5798 §5.2.8 for v3 over IPv4 as keepalived 2.2.7, FRR and Wireshark read it;
    /// always for IPv6 (RFC 8200 §8.1).
    /// </summary>
    PseudoHeader,
}
