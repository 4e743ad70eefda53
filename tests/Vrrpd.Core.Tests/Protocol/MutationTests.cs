using System.Net;
using System.Net.Sockets;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

/// <summary>docs/design/vrrp-protocol.md §8.4: mutations derived from the positive vectors.</summary>
public class MutationTests
{
    public static TheoryData<string> PositiveIds => ["K1", "K2", "K3", "K5", "G1", "S1", "P2", "T1", "S2", "P3", "H1"];

    [Theory]
    [InlineData("K1", 0x32)]
    [InlineData("K1", 0x33)]
    [InlineData("K5", 0x22)]
    [InlineData("K3", 0x30)]
    public void TypeOtherThanAdvertisement_IsDroppedAsUnknownType(string id, byte firstByte)
    {
        CapturedMessage vector = ReferenceVectors.Get(id);
        vector.Payload[0] = firstByte;

        Assert.Equal(DropReason.UnknownType, DecodeFailure(vector));
    }

    [Theory]
    [MemberData(nameof(PositiveIds))]
    public void OneChecksumBitFlipped_IsDroppedAsBadChecksum(string id)
    {
        CapturedMessage vector = ReferenceVectors.Get(id);
        vector.Payload[7] ^= 0x01;

        Assert.Equal(DropReason.BadChecksum, DecodeFailure(vector));
    }

    [Theory]
    [MemberData(nameof(PositiveIds))]
    public void AddressListShortByOneAddress_IsDroppedOnLength(string id)
    {
        CapturedMessage vector = ReferenceVectors.Get(id);
        int addressLength = vector.Family == AddressFamily.InterNetwork ? 4 : 16;
        int lastAddress = 8 + ((vector.Payload[3] - 1) * addressLength);
        byte[] truncated = [.. vector.Payload[..lastAddress], .. vector.Payload[(lastAddress + addressLength)..]];

        Assert.Equal(DropReason.LengthMismatch, DecodeFailure(vector with { Payload = truncated }));
    }

    [Fact]
    public void V2WithPseudoHeaderChecksum_IsDroppedAsBadChecksum()
    {
        CapturedMessage vector = ReferenceVectors.Get("K5");
        Rechecksum(vector, ChecksumForm.PseudoHeader);

        Assert.Equal(DropReason.BadChecksum, DecodeFailure(vector));
    }

    [Fact]
    public void Ipv6WithMessageOnlyChecksum_IsDroppedAsBadChecksum()
    {
        CapturedMessage vector = ReferenceVectors.Get("K3");
        Rechecksum(vector, ChecksumForm.MessageOnly);

        Assert.Equal(DropReason.BadChecksum, DecodeFailure(vector));
    }

    [Fact]
    public void V3Ipv4PseudoHeaderForAnotherDestination_IsDroppedAsBadChecksum_AndTheMessageShowsBothForms()
    {
        // keepalived before 1.3.6 put the group into a unicast advert's pseudo-header (#642): seen from the
        // peer's address, it is neither form.
        CapturedMessage vector = ReferenceVectors.Get("K1") with { Destination = IPAddress.Parse("192.0.2.2") };

        bool decoded = AdvertisementPacket.TryDecode(vector.Payload, vector.Family, vector.Source, vector.Destination, out _, out DropReason reason, out string error);

        Assert.False(decoded);
        Assert.Equal(DropReason.BadChecksum, reason);
        Assert.Matches("^checksum 0xd3a2; expected 0x[0-9a-f]{4} \\(with pseudo-header\\) or 0x7633 \\(message only\\)$", error);
    }

    [Theory]
    [InlineData("K1")]
    [InlineData("K3")]
    [InlineData("K5")]
    public void AdvertFromTheOwnerPriority_WhileLocalPriorityIs255_IsDiscarded(string id)
    {
        CapturedMessage vector = ReferenceVectors.Get(id);
        vector.Payload[2] = 255; // the sender claims ownership too
        Rechecksum(vector, vector.Payload[0] >> 4 == 2 ? ChecksumForm.MessageOnly : ChecksumForm.PseudoHeader);
        AdvertisementPacket packet = vector.Decode();

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(vector.ToDatagram(), packet, Policies.Matching(packet) with { LocalPriority = 255 });

        Assert.Equal(DropReason.OwnerIgnoresAdvertisements, verdict.Reason);
    }

    [Fact]
    public void V2IntervalDifferentFromLocal_IsDropped()
    {
        CapturedMessage vector = ReferenceVectors.Get("K5");
        AdvertisementPacket packet = vector.Decode();

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(
            vector.ToDatagram(), packet, Policies.Matching(packet) with { AdvertisementInterval = TimeSpan.FromSeconds(2) });

        Assert.False(verdict.Accepted);
        Assert.Equal(DropReason.IntervalMismatch, verdict.Reason);
        Assert.Equal("advertisement interval 1 s; ours is 2 s", verdict.Message);
    }

    private static DropReason DecodeFailure(CapturedMessage vector)
    {
        bool decoded = AdvertisementPacket.TryDecode(vector.Payload, vector.Family, vector.Source, vector.Destination, out AdvertisementPacket? packet, out DropReason reason);
        Assert.False(decoded);
        Assert.Null(packet);
        return reason;
    }

    /// <summary>Puts the checksum of <paramref name="form"/> on the message, in place.</summary>
    private static void Rechecksum(CapturedMessage vector, ChecksumForm form)
    {
        ushort checksum = AdvertisementChecksum.Compute(vector.Payload, form, vector.Source, vector.Destination);
        vector.Payload[6] = (byte)(checksum >> 8);
        vector.Payload[7] = (byte)checksum;
    }
}
