using System.Buffers.Binary;

namespace Vrrpd.Protocol;

/// <summary>
/// The Internet checksum of RFC 1071: the 16-bit one's complement of the one's-complement sum of 16-bit words.
/// <see cref="Sum"/> accumulates (so a pseudo-header and a message can be summed separately), <see cref="Fold"/>
/// folds carries and complements.
/// </summary>
public static class InternetChecksum
{
    /// <summary>
    /// Adds <paramref name="data"/> as big-endian 16-bit words to <paramref name="initial"/>, without folding.
    /// An odd trailing byte is padded with a zero byte (RFC 1071 §4.1). VRRP lengths are always even.
    /// </summary>
    public static uint Sum(ReadOnlySpan<byte> data, uint initial = 0)
    {
        // A 64-bit accumulator cannot overflow for any span length; fold back to 32 bits at the end.
        ulong sum = initial;
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        while (sum > uint.MaxValue)
        {
            sum = (sum & uint.MaxValue) + (sum >> 32);
        }

        return (uint)sum;
    }

    /// <summary>Folds the carries of a <see cref="Sum"/> into 16 bits and returns its one's complement.</summary>
    public static ushort Fold(uint sum)
    {
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>The checksum of <paramref name="data"/> alone. Over data that includes a correct checksum it is 0.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Fold(Sum(data));
}
