namespace Vrrpd.Tests.Protocol;

/// <summary>
/// The test vectors of docs/design/vrrp-protocol.md §8, byte for byte (keepalived 2.2.7, gopacket, scapy,
/// PcapPlusPlus, govrrp and holo captures). Payload-only vectors carry the addresses their source states.
/// </summary>
internal static class ReferenceVectors
{
    public static CapturedMessage Get(string id) => id switch
    {
        // §8.2 positive vectors.
        "K1" => CapturedMessage.FromEthernetFrame("01005e000012020000000a01080045c0002000010000ff701899c0000201e0000012313396010064d3a2c0000233"),
        "K2" => CapturedMessage.FromPayload("31330001006469a3c0000233", "192.0.2.1", "224.0.0.18"),
        "K3" => CapturedMessage.FromEthernetFrame("333300000012020000000a0186dd6c01b251002870fffe80000000000000000000fffe000a01ff0200000000000000000000000000123134960200640458fe80000000000000000000000000005220010db8000000000000000000000052"),
        "K5" => CapturedMessage.FromEthernetFrame("01005e000012020000000a01080045c0002800010000ff701891c0000201e00000122135960100018692c00002350000000000000000"),
        "G1" => CapturedMessage.FromEthernetFrame("01005e00001200005e000101080045c0002800000000ff7019cdc0a8001ee0000012210164010001ba52c0a80001000000000000000000000000000000000000"),
        "S1" => CapturedMessage.FromEthernetFrame("01005e00001200005e00020208004500002400010000ff70c75314000003e00000123102fe020001b25e1400010214000103"),
        "P2" => CapturedMessage.FromEthernetFrame("01005e00001200005e00010108004500002400000000ff701a91c0a8001ee0000012310164020001484dc0a80001c0a80002"),
        "T1" => CapturedMessage.FromPayload("31f0640100640608c0a800e6", "192.168.0.220", "224.0.0.18"),
        "S2" => CapturedMessage.FromPayload("3102fe020001481b20010db800000000000000000000000220010db8000000000000000000000003", "2001:db8::1", "ff02::12"),
        "P3" => CapturedMessage.FromPayload("3101640300011071fe80000000000000000000000000025420010db800000000000000000000000120010db8000000000000000000000002", "fe80::1", "ff02::12"),
        // H1's source is not given; v2 has no pseudo-header, so any IPv4 source decodes it.
        "H1" => CapturedMessage.FromPayload("21331e010001b5c50a0001050000000000000000", "10.0.1.1", "224.0.0.18"),

        // §8.3 negative vectors.
        "C1" => CapturedMessage.FromEthernetFrame("01005e00001200005e00000708004510003849854000ff708facc0000201e000001221070007000149c404b1770971d7c3ce86dd4dd49ef9dd6d00f8d90a53771600c2848cb3"),
        "P1" => CapturedMessage.FromEthernetFrame("01005e00001200005e00010108004500002800000000ff701a8dc0a8001ee000001221016403000138fac0a80001c0a80002c0a80003"),
        "S3" => CapturedMessage.FromEthernetFrame("01005e00001200005e00020208004500002c00010000ff70c74b14000003e00000121102fe020001c6f414000102140001030000000000000000"),
        "S4" => CapturedMessage.FromIpPacket(Convert.FromHexString("450000240001000040707c677f0000017f0000012101640000017afd0000000000000000")),
        "S5" => CapturedMessage.FromIpPacket(Convert.FromHexString("600000000008704000000000000000000000000000000001000000000000000000000000000000013101640100646a1f")),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "not a vector of docs/design/vrrp-protocol.md §8"),
    };
}
