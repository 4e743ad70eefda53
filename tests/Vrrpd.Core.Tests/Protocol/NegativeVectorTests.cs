using System.Net;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

/// <summary>docs/design/vrrp-protocol.md §8.3: packets a conformant receiver must drop, each for the listed reason.</summary>
public class NegativeVectorTests
{
    [Fact]
    public void CarpAdvert_C1_IsRejectedOnLength_ThoughItsV2ChecksumIsValid()
    {
        CapturedMessage carp = ReferenceVectors.Get("C1");

        bool decoded = AdvertisementPacket.TryDecode(carp.Payload, carp.Family, carp.Source, carp.Destination, out _, out DropReason reason, out string error);

        Assert.Equal(0, InternetChecksum.Compute(carp.Payload)); // would pass the checksum check: length is what stops it
        Assert.False(decoded);
        Assert.Equal(DropReason.LengthMismatch, reason);
        Assert.Equal("length 36 does not match 44 for 7 IPv4 addresses (v2)", error);
    }

    [Fact]
    public void CarpAdvert_C1_IsDroppedByAV3InstanceToo()
    {
        CapturedMessage carp = ReferenceVectors.Get("C1");

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(carp.ToDatagram(), Policies.V3Ipv4(vrid: 7), out _);

        Assert.False(verdict.Accepted);
        Assert.Equal(DropReason.LengthMismatch, verdict.Reason);
    }

    [Fact]
    public void V2WithoutAuthenticationData_P1_IsRejectedOnLength()
    {
        CapturedMessage vector = ReferenceVectors.Get("P1");

        bool decoded = AdvertisementPacket.TryDecode(vector.Payload, vector.Family, vector.Source, vector.Destination, out _, out DropReason reason);

        Assert.False(decoded);
        Assert.Equal(DropReason.LengthMismatch, reason);
    }

    [Fact]
    public void Version1_S3_IsRejectedAsUnknownVersion()
    {
        CapturedMessage vector = ReferenceVectors.Get("S3");

        bool decoded = AdvertisementPacket.TryDecode(vector.Payload, vector.Family, vector.Source, vector.Destination, out _, out DropReason reason, out string error);

        Assert.False(decoded);
        Assert.Equal(DropReason.UnknownVersion, reason);
        Assert.Equal("version 1; only 2 and 3 exist", error);
    }

    [Fact]
    public void ScapyDefaultV2_S4_DecodesButTheReceiveCheckDropsItsTtl64()
    {
        CapturedMessage vector = ReferenceVectors.Get("S4");
        AdvertisementPacket packet = vector.Decode(); // structurally valid: v2, count 0, 16 bytes, checksum 0x7afd

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(vector.ToDatagram(), packet, Policies.V2(vrid: 1));

        Assert.Equal(0x7afd, packet.Checksum);
        Assert.False(verdict.Accepted);
        Assert.Equal(DropReason.TtlNot255, verdict.Reason);
        Assert.Equal("TTL is 64; must be 255", verdict.Message);
    }

    [Fact]
    public void ScapyDefaultV3_S5_WithCountOneAndNoAddress_IsDroppedOnLength()
    {
        CapturedMessage vector = ReferenceVectors.Get("S5");

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(vector.ToDatagram(), Policies.V3Ipv6(vrid: 1), out AdvertisementPacket? packet);

        Assert.Equal(64, vector.HopLimit);
        Assert.Null(packet);
        Assert.False(verdict.Accepted);
        Assert.Equal(DropReason.LengthMismatch, verdict.Reason);
    }

    [Fact]
    public void ScapyDefaultV3_S5_WithTheAddressSupplied_IsDroppedForItsHopLimit()
    {
        CapturedMessage vector = ReferenceVectors.Get("S5");
        var packet = new AdvertisementPacket
        {
            Version = VrrpVersion.V3,
            VirtualRouterId = 1,
            Priority = 100,
            AdvertisementInterval = TimeSpan.FromSeconds(1),
            Addresses = [IPAddress.Parse("fe80::1")],
            Family = vector.Family,
        };
        CapturedMessage completed = vector with { Payload = vector.Encode(packet, ChecksumForm.PseudoHeader) };

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(completed.ToDatagram(), Policies.V3Ipv6(vrid: 1), out _);

        Assert.Equal(DropReason.TtlNot255, verdict.Reason);
        Assert.Equal("hop limit is 64; must be 255", verdict.Message);
    }
}
