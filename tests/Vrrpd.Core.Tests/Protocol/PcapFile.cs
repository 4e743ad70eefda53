using System.Buffers.Binary;

namespace Vrrpd.Tests.Protocol;

/// <summary>
/// The classic libpcap file format, little-endian: a 24-byte global header (magic a1b2c3d4, version 2.4,
/// snaplen, link type 1 = Ethernet) and a 16-byte record header (seconds, microseconds, captured and original
/// length) before each frame.
/// </summary>
internal static class PcapFile
{
    private const uint Magic = 0xa1b2c3d4;
    private const uint LinkTypeEthernet = 1;

    public static void Write(string path, IEnumerable<byte[]> frames)
    {
        using var stream = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);   // thiszone
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0); // sigfigs
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeEthernet);
        stream.Write(header);

        uint second = 1_700_000_000;
        Span<byte> record = stackalloc byte[16];
        foreach (byte[] frame in frames)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record, second++);
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], 0);
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
            stream.Write(record);
            stream.Write(frame);
        }
    }
}
