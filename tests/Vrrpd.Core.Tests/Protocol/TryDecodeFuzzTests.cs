using System.Net;
using System.Net.Sockets;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

/// <summary>Random input must never throw out of the decoder or the receive path (fixed seed: reproducible).</summary>
public class TryDecodeFuzzTests
{
    private const int Iterations = 100_000;

    private static readonly IPAddress[] Sources = [IPAddress.Parse("192.0.2.1"), IPAddress.Parse("fe80::1"), IPAddress.Parse("198.51.100.7")];
    private static readonly IPAddress[] Destinations = [VrrpWire.Ipv4Group, VrrpWire.Ipv6Group, IPAddress.Parse("192.0.2.2")];

    [Fact]
    public void RandomBytes_NeverThrow_AndEveryDecodedMessageReEncodesIdentically()
    {
        var random = new Random(20261121);
        var buffer = new byte[96];
        var reencoded = new byte[96];
        var outcomes = new Dictionary<DropReason, int>();
        ReceivePolicy policy = Policies.V3Ipv4(vrid: 51);

        for (int i = 0; i < Iterations; i++)
        {
            Span<byte> message = buffer.AsSpan(0, random.Next(buffer.Length + 1));
            random.NextBytes(message);
            AddressFamily family = random.Next(8) == 0 ? AddressFamily.Unix : (random.Next(2) == 0 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6);
            IPAddress source = Sources[random.Next(Sources.Length)];
            IPAddress destination = Destinations[random.Next(Destinations.Length)];
            if (random.Next(2) == 0)
            {
                MakePlausible(random, message, family, source, destination);
            }

            bool decoded = AdvertisementPacket.TryDecode(message, family, source, destination, out AdvertisementPacket? packet, out DropReason reason);
            outcomes[reason] = outcomes.GetValueOrDefault(reason) + 1;
            Assert.Equal(decoded, reason == DropReason.None);
            if (packet is null)
            {
                continue;
            }

            // The packet checks held, so writing it back (same checksum form) must give the same bytes.
            int length = packet.WriteTo(reencoded, source, destination, packet.ChecksumFormSeen!.Value);
            Assert.True(message.SequenceEqual(reencoded.AsSpan(0, length)), $"iteration {i}: {Convert.ToHexString(message)}");
            var datagram = new ReceivedDatagram(family, source, destination, random.Next(256), 2, message.ToArray());
            _ = AdvertisementReceiveCheck.Check(datagram, packet, policy with { Version = packet.Version, Multicast = random.Next(2) == 0 });
        }

        // The plausible half must reach past the structural checks, or the test exercises nothing deep.
        Assert.True(outcomes.GetValueOrDefault(DropReason.None) > 1_000, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(DropReason.BadChecksum) > 300, string.Join(", ", outcomes));
    }

    /// <summary>Version 2 or 3, type 1, a count that fits the length, rsvd 0, and often a correct checksum.</summary>
    private static void MakePlausible(Random random, Span<byte> message, AddressFamily family, IPAddress source, IPAddress destination)
    {
        if (message.Length < VrrpWire.HeaderLength)
        {
            return;
        }

        bool v2 = family == AddressFamily.InterNetwork && random.Next(2) == 0;
        int addressLength = family == AddressFamily.InterNetworkV6 ? 16 : 4;
        int room = message.Length - VrrpWire.HeaderLength - (v2 ? VrrpWire.V2AuthDataLength : 0);
        message[0] = v2 ? (byte)0x21 : (byte)0x31;
        message[3] = (byte)Math.Max(room / addressLength, 0);
        if (!v2)
        {
            message[4] &= 0x0F; // rsvd is ignored on receive but always written as 0
        }

        if (random.Next(4) != 0 && family != AddressFamily.Unix && source.AddressFamily == destination.AddressFamily)
        {
            ChecksumForm form = random.Next(2) == 0 ? ChecksumForm.MessageOnly : ChecksumForm.PseudoHeader;
            if (v2 || family == AddressFamily.InterNetworkV6)
            {
                form = v2 ? ChecksumForm.MessageOnly : ChecksumForm.PseudoHeader;
            }

            ushort checksum = AdvertisementChecksum.Compute(message, form, source, destination);
            message[6] = (byte)(checksum >> 8);
            message[7] = (byte)checksum;
        }
    }
}
