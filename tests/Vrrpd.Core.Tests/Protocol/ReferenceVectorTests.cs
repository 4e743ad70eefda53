using System.Net;
using System.Net.Sockets;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

/// <summary>docs/design/vrrp-protocol.md §8.2: every positive vector decodes to its listed fields and re-encodes to the same bytes.</summary>
public class ReferenceVectorTests
{
    [Theory]
    [InlineData("K1", 3, 51, 150, 1000, "192.0.2.51", 0xd3a2, ChecksumForm.PseudoHeader)]
    [InlineData("K2", 3, 51, 0, 1000, "192.0.2.51", 0x69a3, ChecksumForm.PseudoHeader)]
    [InlineData("K3", 3, 52, 150, 1000, "fe80::52 2001:db8::52", 0x0458, ChecksumForm.PseudoHeader)]
    [InlineData("K5", 2, 53, 150, 1000, "192.0.2.53", 0x8692, ChecksumForm.MessageOnly)]
    [InlineData("G1", 2, 1, 100, 1000, "192.168.0.1", 0xba52, ChecksumForm.MessageOnly)]
    [InlineData("S1", 3, 2, 254, 10, "20.0.1.2 20.0.1.3", 0xb25e, ChecksumForm.PseudoHeader)]
    [InlineData("P2", 3, 1, 100, 10, "192.168.0.1 192.168.0.2", 0x484d, ChecksumForm.PseudoHeader)]
    [InlineData("T1", 3, 240, 100, 1000, "192.168.0.230", 0x0608, ChecksumForm.PseudoHeader)]
    [InlineData("S2", 3, 2, 254, 10, "2001:db8::2 2001:db8::3", 0x481b, ChecksumForm.PseudoHeader)]
    [InlineData("P3", 3, 1, 100, 10, "fe80::254 2001:db8::1 2001:db8::2", 0x1071, ChecksumForm.PseudoHeader)]
    [InlineData("H1", 2, 51, 30, 1000, "10.0.1.5", 0xb5c5, ChecksumForm.MessageOnly)]
    public void PositiveVector_Decodes_WithListedFieldsAndChecksum(
        string id, int version, int vrid, int priority, int intervalMs, string addresses, int checksum, ChecksumForm form)
    {
        CapturedMessage vector = ReferenceVectors.Get(id);

        AdvertisementPacket packet = vector.Decode();

        Assert.Equal((VrrpVersion)version, packet.Version);
        Assert.Equal(vrid, packet.VirtualRouterId);
        Assert.Equal(priority, packet.Priority);
        Assert.Equal(TimeSpan.FromMilliseconds(intervalMs), packet.AdvertisementInterval);
        Assert.Equal(ParseAddresses(addresses), packet.Addresses);
        Assert.Equal(vector.Family, packet.Family);
        Assert.Equal(checksum, packet.Checksum);
        Assert.Equal(form, packet.ChecksumFormSeen);
        Assert.Equal(0, packet.AuthType);
    }

    [Theory]
    [InlineData("K1")]
    [InlineData("K2")]
    [InlineData("K3")]
    [InlineData("K5")]
    [InlineData("G1")]
    [InlineData("S1")]
    [InlineData("P2")]
    [InlineData("T1")]
    [InlineData("S2")]
    [InlineData("P3")]
    [InlineData("H1")]
    public void PositiveVector_ReEncodedFromItsFields_IsByteIdentical(string id)
    {
        CapturedMessage vector = ReferenceVectors.Get(id);
        AdvertisementPacket decoded = vector.Decode();

        // A fresh packet from the decoded fields, so nothing but the fields carries over.
        var rebuilt = new AdvertisementPacket
        {
            Version = decoded.Version,
            VirtualRouterId = decoded.VirtualRouterId,
            Priority = decoded.Priority,
            AdvertisementInterval = decoded.AdvertisementInterval,
            AuthType = decoded.AuthType,
            AuthData = decoded.AuthData.ToArray(),
            Addresses = decoded.Addresses.ToArray(),
            Family = decoded.Family,
        };

        Assert.Equal(Convert.ToHexString(vector.Payload), Convert.ToHexString(vector.Encode(rebuilt, decoded.ChecksumFormSeen!.Value)));
    }

    [Theory]
    [InlineData("K1", 0xd3a2, 0x7633)]
    [InlineData("K2", 0x69a3, 0x0c34)]
    [InlineData("S1", 0xb25e, 0xa6f4)]
    [InlineData("P2", 0x484d, 0xe9a6)]
    [InlineData("T1", 0x0608, 0xa81b)]
    public void V3Ipv4Vector_EncodesInBothChecksumForms_AndDecodeRecordsWhichMatched(string id, int withPseudoHeader, int messageOnly)
    {
        CapturedMessage vector = ReferenceVectors.Get(id);
        AdvertisementPacket packet = vector.Decode();

        byte[] pseudoHeaderForm = vector.Encode(packet, ChecksumForm.PseudoHeader);
        byte[] messageOnlyForm = vector.Encode(packet, ChecksumForm.MessageOnly);

        Assert.Equal(withPseudoHeader, (pseudoHeaderForm[6] << 8) | pseudoHeaderForm[7]);
        Assert.Equal(messageOnly, (messageOnlyForm[6] << 8) | messageOnlyForm[7]);
        Assert.Equal(ChecksumForm.PseudoHeader, (vector with { Payload = pseudoHeaderForm }).Decode().ChecksumFormSeen);
        AdvertisementPacket rfc9568 = (vector with { Payload = messageOnlyForm }).Decode();
        Assert.Equal(ChecksumForm.MessageOnly, rfc9568.ChecksumFormSeen);
        Assert.Equal(messageOnly, rfc9568.Checksum);
    }

    [Fact]
    public void V2Vector_IgnoresRequestedForm_AlwaysChecksumsMessageOnly()
    {
        CapturedMessage vector = ReferenceVectors.Get("K5");
        AdvertisementPacket packet = vector.Decode();

        Assert.Equal(vector.Payload, vector.Encode(packet, ChecksumForm.PseudoHeader));
    }

    [Fact]
    public void Ipv6Vector_IgnoresRequestedForm_AlwaysUsesPseudoHeader()
    {
        CapturedMessage vector = ReferenceVectors.Get("K3");
        AdvertisementPacket packet = vector.Decode();

        Assert.Equal(vector.Payload, vector.Encode(packet, ChecksumForm.MessageOnly));
    }

    [Fact]
    public void PaddedFrame_G1_IsCutAtTheIpTotalLength()
    {
        CapturedMessage vector = ReferenceVectors.Get("G1");

        Assert.Equal(20, vector.Payload.Length);
    }

    internal static IPAddress[] ParseAddresses(string addresses) =>
        addresses.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(IPAddress.Parse).ToArray();
}
