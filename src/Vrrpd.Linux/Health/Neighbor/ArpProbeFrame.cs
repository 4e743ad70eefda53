using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;

namespace Vrrpd.Linux.Health.Neighbor;

/// <summary>
/// The ARP request the neighbour tracker sends (RFC 826): broadcast, sender = our MAC and our IPv4 address on the
/// interface (0.0.0.0 when it has none, an RFC 5227 probe), target hardware address zero, target IP = the
/// neighbour. And the check of what comes back: an ARP reply from the neighbour's IP to our MAC.
/// </summary>
public static class ArpProbeFrame
{
    /// <summary>14-byte Ethernet header + 28-byte ARP message.</summary>
    public const int Length = 42;

    private const ushort ARPHRD_ETHER = 1;
    private const ushort ETH_P_IP = 0x0800;
    private const ushort ARPOP_REQUEST = 1;
    private const ushort ARPOP_REPLY = 2;

    public static void WriteRequest(Span<byte> frame, PhysicalAddress ourMac, IPAddress ourAddress, IPAddress target)
    {
        ReadOnlySpan<byte> mac = ourMac.GetAddressBytes();
        if (mac.Length != 6)
            throw new ArgumentException($"an Ethernet MAC has 6 bytes, not {mac.Length}", nameof(ourMac));
        frame = frame[..Length];
        frame.Clear();
        frame[..6].Fill(0xff);                                             // Ethernet destination: broadcast
        mac.CopyTo(frame[6..]);                                            // Ethernet source
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], Interop.Libc.ETH_P_ARP);
        BinaryPrimitives.WriteUInt16BigEndian(frame[14..], ARPHRD_ETHER);
        BinaryPrimitives.WriteUInt16BigEndian(frame[16..], ETH_P_IP);
        frame[18] = 6;
        frame[19] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(frame[20..], ARPOP_REQUEST);
        mac.CopyTo(frame[22..]);                                           // sender hardware address
        ourAddress.TryWriteBytes(frame[28..], out _);                      // sender IP
        target.TryWriteBytes(frame[38..], out _);                          // target IP; target hardware address stays 0
    }

    /// <summary>What a received frame is to the probe.</summary>
    public enum Verdict
    {
        /// <summary>An ARP reply from <c>target</c> to our MAC: the neighbour answered.</summary>
        Answer,

        /// <summary>Well-formed ARP, but not the answer (a request, another sender, another receiver).</summary>
        Unrelated,

        /// <summary>Too short, or not Ethernet/IPv4 ARP: counted and dropped.</summary>
        Malformed,
    }

    /// <summary>Classifies one frame as received on an AF_PACKET socket (Ethernet header included). Never throws.</summary>
    public static Verdict Classify(ReadOnlySpan<byte> frame, PhysicalAddress ourMac, IPAddress target, out string? problem)
    {
        problem = null;
        if (frame.Length < Length)
        {
            problem = $"{frame.Length} bytes; an Ethernet ARP frame has at least {Length}";
            return Verdict.Malformed;
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != Interop.Libc.ETH_P_ARP
            || BinaryPrimitives.ReadUInt16BigEndian(frame[14..]) != ARPHRD_ETHER
            || BinaryPrimitives.ReadUInt16BigEndian(frame[16..]) != ETH_P_IP
            || frame[18] != 6 || frame[19] != 4)
        {
            problem = "not an Ethernet/IPv4 ARP message";
            return Verdict.Malformed;
        }

        ushort operation = BinaryPrimitives.ReadUInt16BigEndian(frame[20..]);
        if (operation is not (ARPOP_REQUEST or ARPOP_REPLY))
        {
            problem = $"ARP operation {operation}";
            return Verdict.Malformed;
        }

        Span<byte> expected = stackalloc byte[4];
        target.TryWriteBytes(expected, out _);
        bool answer = operation == ARPOP_REPLY
            && frame.Slice(28, 4).SequenceEqual(expected)
            && frame.Slice(32, 6).SequenceEqual(ourMac.GetAddressBytes());
        return answer ? Verdict.Answer : Verdict.Unrelated;
    }
}
