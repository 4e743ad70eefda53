using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

public class InternetChecksumTests
{
    [Fact]
    public void Rfc1071Example_SumsToDdf2_AndChecksumIs220d()
    {
        // RFC 1071 §3: 0001 f203 f4f5 f6f7 sums (with end-around carry) to ddf2.
        byte[] data = Convert.FromHexString("0001f203f4f5f6f7");

        Assert.Equal(0x220d, InternetChecksum.Compute(data));
        Assert.Equal(0x220d, InternetChecksum.Fold(InternetChecksum.Sum(data)));
    }

    [Fact]
    public void OddTrailingByte_IsPaddedWithZero()
    {
        Assert.Equal(InternetChecksum.Compute(Convert.FromHexString("01020300")), InternetChecksum.Compute(Convert.FromHexString("010203")));
        Assert.Equal(0x54ff, InternetChecksum.Compute(Convert.FromHexString("ab")));
    }

    [Fact]
    public void SumsChainedOverEvenParts_EqualTheSumOfTheWhole()
    {
        byte[] data = Convert.FromHexString("45c0002000010000ff700000c0000201e0000012");

        uint chained = InternetChecksum.Sum(data[10..], InternetChecksum.Sum(data[..10]));

        Assert.Equal(InternetChecksum.Compute(data), InternetChecksum.Fold(chained));
    }

    [Fact]
    public void DataIncludingItsCorrectChecksum_ChecksumsToZero()
    {
        // K1's IPv4 header with its header checksum 0x1899 in place.
        byte[] header = Convert.FromHexString("45c0002000010000ff701899c0000201e0000012");

        Assert.Equal(0, InternetChecksum.Compute(header));
    }

    [Fact]
    public void LargeInput_DoesNotLoseCarries()
    {
        byte[] data = Enumerable.Repeat((byte)0xff, 200_000).ToArray();

        // Every word is 0xffff (one's-complement -0), so the sum stays 0xffff and the checksum is 0.
        Assert.Equal(0, InternetChecksum.Compute(data));
    }
}
