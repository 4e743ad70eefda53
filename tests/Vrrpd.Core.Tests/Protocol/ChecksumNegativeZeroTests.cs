using System.Net;
using System.Net.Sockets;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

/// <summary>
/// One's-complement arithmetic has two zeros (RFC 1071 §1): when the words of a message other than its checksum
/// sum to 0xFFFF, the checksum is 0x0000, and a sender that writes 0xFFFF (negative zero) instead still sends a
/// message that verifies. Found by the coverage-guided fuzzer (tests/fuzz/regressions/packet/, docs/fuzzing.md):
/// the decoder was right to accept it; the fuzzers' "a decoded message re-encodes to the same bytes" promise was
/// not, and now allows exactly this difference.
/// </summary>
public class ChecksumNegativeZeroTests
{
    // v2, VRID 63, priority 0, one address, no auth, interval 1 s, checksum written as 0xFFFF.
    private static readonly byte[] NegativeZero = Convert.FromHexString("213F00010001FFFFFFFF1C7FC00000000000023F");
    private static readonly IPAddress Source = IPAddress.Parse("192.0.2.0");
    private static readonly IPAddress Group = IPAddress.Parse("224.0.0.18");

    [Fact]
    public void ChecksumWrittenAsNegativeZero_Verifies_AndIsAccepted()
    {
        byte[] zeroed = NegativeZero.ToArray();
        zeroed[6] = 0;
        zeroed[7] = 0;
        Assert.Equal(0, InternetChecksum.Compute(zeroed));   // the checksum is 0x0000, or as written its other zero 0xFFFF

        bool decoded = AdvertisementPacket.TryDecode(NegativeZero, AddressFamily.InterNetwork, Source, Group, out AdvertisementPacket? packet, out DropReason reason);

        Assert.True(decoded, reason.ToKey());
        Assert.Equal(0xFFFF, packet!.Checksum);
        Assert.Equal(0, packet.Priority);
        Assert.Equal([IPAddress.Parse("255.255.28.127")], packet.Addresses);
    }

    [Fact]
    public void ChecksumWrittenAsNegativeZero_ReencodesAsPositiveZero_WhatVrrpdSends()
    {
        AdvertisementPacket.TryDecode(NegativeZero, AddressFamily.InterNetwork, Source, Group, out AdvertisementPacket? packet, out _);
        var encoded = new byte[NegativeZero.Length];

        int length = packet!.WriteTo(encoded, Source, Group, packet.ChecksumFormSeen!.Value);

        Assert.Equal(NegativeZero.Length, length);
        Assert.Equal(0x00, encoded[6]);
        Assert.Equal(0x00, encoded[7]);
        Assert.Equal(NegativeZero.AsSpan(8).ToArray(), encoded.AsSpan(8).ToArray());
        Assert.True(AdvertisementPacket.TryDecode(encoded, AddressFamily.InterNetwork, Source, Group, out _, out _));
    }
}
