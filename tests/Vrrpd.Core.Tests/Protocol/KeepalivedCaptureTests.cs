using System.Net;
using System.Text;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

/// <summary>
/// Golden frames captured from keepalived 2.2.7 (Debian 12) on 2026-11-21 with tests/golden/capture-keepalived.sh:
/// namespaces vp-cap-a / vp-cap-b on a veth pair; keepalived in vp-cap-a as MASTER from 192.0.2.1,
/// MAC 02:00:00:00:0a:01, link-local fe80::ff:fe00:a01; frames taken by tcpdump in vp-cap-b. Each case has an
/// advert sent while MASTER and the priority-0 advert sent on SIGTERM. Full output: tests/golden/keepalived-2.2.7-capture.txt.
/// </summary>
public class KeepalivedCaptureTests
{
    public static TheoryData<string, string, int, int, int, string, int, string?> Frames => new()
    {
        // vrrp_instance v3_ipv4 { version 3; virtual_router_id 61; priority 120; advert_int 0.5; VIPs 192.0.2.61/32, 192.0.2.62/32 }
        { "v3_ipv4 master", "01005e000012020000000a01080045c0002400010000ff701895c0000201e0000012313d780200322f7dc000023dc000023e", 61, 120, 500, "192.0.2.61 192.0.2.62", 0x2f7d, null },
        { "v3_ipv4 stop", "01005e000012020000000a01080045c0002400080000ff70188ec0000201e0000012313d00020032a77dc000023dc000023e", 61, 0, 500, "192.0.2.61 192.0.2.62", 0xa77d, null },

        // vrrp_instance v3_ipv6 { version 3; virtual_router_id 62; priority 120; advert_int 1; VIPs fe80::62/64, 2001:db8::62/64 }
        { "v3_ipv6 master", "333300000012020000000a0186dd6c0c1efd002870fffe80000000000000000000fffe000a01ff020000000000000000000000000012313e78020064222efe80000000000000000000000000006220010db8000000000000000000000062", 62, 120, 1000, "fe80::62 2001:db8::62", 0x222e, null },
        { "v3_ipv6 stop", "333300000012020000000a0186dd6c0c1efd002870fffe80000000000000000000fffe000a01ff020000000000000000000000000012313e000200649a2efe80000000000000000000000000006220010db8000000000000000000000062", 62, 0, 1000, "fe80::62 2001:db8::62", 0x9a2e, null },

        // vrrp_instance v2 { version 2; virtual_router_id 63; priority 120; advert_int 1; VIP 192.0.2.63/32 }
        { "v2 master", "01005e000012020000000a01080045c0002800010000ff701891c0000201e0000012213f78010001a47ec000023f0000000000000000", 63, 120, 1000, "192.0.2.63", 0xa47e, null },
        { "v2 stop", "01005e000012020000000a01080045c0002800030000ff70188fc0000201e0000012213f000100011c7fc000023f0000000000000000", 63, 0, 1000, "192.0.2.63", 0x1c7f, null },

        // vrrp_instance v2_pass { as v2 with virtual_router_id 64, VIP 192.0.2.64/32, authentication { auth_type PASS auth_pass secret } }
        { "v2_pass master", "01005e000012020000000a01080045c0002800010000ff701891c0000201e00000122140780101016730c00002407365637265740000", 64, 120, 1000, "192.0.2.64", 0x6730, "secret" },
        { "v2_pass stop", "01005e000012020000000a01080045c0002800030000ff70188fc0000201e0000012214000010101df30c00002407365637265740000", 64, 0, 1000, "192.0.2.64", 0xdf30, "secret" },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void KeepalivedAdvert_DecodesToItsConfiguredFields(
        string name, string frame, int vrid, int priority, int intervalMs, string addresses, int checksum, string? password)
    {
        CapturedMessage capture = CapturedMessage.FromEthernetFrame(frame);

        AdvertisementPacket packet = capture.Decode();

        Assert.Equal(255, capture.HopLimit);
        Assert.Equal(vrid, packet.VirtualRouterId);
        Assert.Equal(priority, packet.Priority);
        Assert.Equal(TimeSpan.FromMilliseconds(intervalMs), packet.AdvertisementInterval);
        Assert.Equal(ReferenceVectorTests.ParseAddresses(addresses), packet.Addresses);
        Assert.Equal(checksum, packet.Checksum);
        Assert.Equal(password is null ? AuthenticationType.None : AuthenticationType.Pass, (AuthenticationType)packet.AuthType);
        Assert.True(packet.Version == VrrpVersion.V2 || packet.ChecksumFormSeen == ChecksumForm.PseudoHeader, $"{name}: keepalived 2.2.7 uses the pseudo-header");
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void VrrpdEncodingOfTheSameAdvert_IsByteIdenticalToKeepalived(
        string name, string frame, int vrid, int priority, int intervalMs, string addresses, int checksum, string? password)
    {
        CapturedMessage capture = CapturedMessage.FromEthernetFrame(frame);
        IPAddress[] vips = ReferenceVectorTests.ParseAddresses(addresses);
        var packet = new AdvertisementPacket
        {
            Version = name.StartsWith("v3", StringComparison.Ordinal) ? VrrpVersion.V3 : VrrpVersion.V2,
            VirtualRouterId = (byte)vrid,
            Priority = (byte)priority,
            AdvertisementInterval = TimeSpan.FromMilliseconds(intervalMs),
            AuthType = (byte)(password is null ? AuthenticationType.None : AuthenticationType.Pass),
            AuthData = password is null ? ReadOnlyMemory<byte>.Empty : Encoding.ASCII.GetBytes(password),
            Addresses = vips,
            Family = capture.Family,
        };

        byte[] encoded = capture.Encode(packet, ChecksumForm.PseudoHeader);

        Assert.True(checksum == ((encoded[6] << 8) | encoded[7]), name);
        Assert.Equal(Convert.ToHexString(capture.Payload), Convert.ToHexString(encoded));
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void KeepalivedAdvert_PassesTheReceiveChecksOfAMatchingBackup(
        string name, string frame, int vrid, int priority, int intervalMs, string addresses, int checksum, string? password)
    {
        CapturedMessage capture = CapturedMessage.FromEthernetFrame(frame);
        AdvertisementPacket packet = capture.Decode();
        ReceivePolicy backup = Policies.Matching(packet, password) with
        {
            VirtualAddresses = ReferenceVectorTests.ParseAddresses(addresses),
            AdvertisementInterval = TimeSpan.FromMilliseconds(intervalMs),
        };

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(capture.ToDatagram(), packet, backup);

        Assert.True(verdict.Accepted, $"{name} (VRID {vrid}, priority {priority}, checksum 0x{checksum:x4}): {verdict.Message}");
        Assert.Equal(ReceiveWarnings.None, verdict.Warnings);
    }
}
