using System.Buffers.Binary;
using System.Net.Sockets;
using Vrrpd.Protocol;
using Vrrpd.Tests.Protocol;

namespace Vrrpd.Tests.Fuzz;

/// <summary>
/// The fuzzer's seeds: every golden message the protocol tests already pin (docs/design/vrrp-protocol.md §8 vectors, the keepalived
/// 2.2.7 frames of <see cref="KeepalivedCaptureTests"/>, and every frame of tests/golden/keepalived-2.2.7-capture.txt),
/// reused from those files rather than copied.
/// </summary>
internal static class PacketCorpus
{
    private static readonly string[] VectorIds = ["K1", "K2", "K3", "K5", "G1", "S1", "P2", "T1", "S2", "P3", "H1", "C1", "P1", "S3", "S4", "S5"];

    private static readonly Lazy<IReadOnlyList<CapturedMessage>> AllMessages = new(Load);

    private static readonly Lazy<IReadOnlyList<byte[]>> AllIpv4Packets = new(() => Messages
        .Where(m => m.Family == AddressFamily.InterNetwork)
        .Select(m => WrapInIpv4(m))
        .ToList());

    public static IReadOnlyList<CapturedMessage> Messages => AllMessages.Value;

    /// <summary>Each IPv4 message inside an IPv4 header (TTL as captured, protocol 112, no options).</summary>
    public static IReadOnlyList<byte[]> Ipv4Packets => AllIpv4Packets.Value;

    private static List<CapturedMessage> Load()
    {
        var messages = VectorIds.Select(ReferenceVectors.Get).ToList();
        messages.AddRange(KeepalivedCaptureTests.Frames.Select(row => CapturedMessage.FromEthernetFrame((string)row[1])));
        messages.AddRange(GoldenCaptureFrames().Select(CapturedMessage.FromEthernetFrame));
        return messages;
    }

    /// <summary>The hex frame lines of tests/golden/keepalived-2.2.7-capture.txt (those under "-- frames").</summary>
    private static IEnumerable<string> GoldenCaptureFrames()
    {
        string path = Path.Combine(RepositoryRoot(), "tests", "golden", "keepalived-2.2.7-capture.txt");
        return File.ReadLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 28 && line.Length % 2 == 0 && line.All(char.IsAsciiHexDigitLower))
            .Distinct(StringComparer.Ordinal);
    }

    private static byte[] WrapInIpv4(CapturedMessage message)
    {
        var packet = new byte[20 + message.Payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[8] = (byte)message.HopLimit;
        packet[9] = VrrpWire.IpProtocol;
        message.Source.GetAddressBytes().CopyTo(packet, 12);
        message.Destination.GetAddressBytes().CopyTo(packet, 16);
        message.Payload.CopyTo(packet, 20);
        return packet;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Vrrpd.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Vrrpd.sln above {AppContext.BaseDirectory}");
    }
}
