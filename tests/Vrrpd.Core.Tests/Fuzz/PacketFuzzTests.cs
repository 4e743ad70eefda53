using System.Net;
using System.Net.Sockets;
using Vrrpd.Protocol;
using Vrrpd.Tests.Protocol;
using Xunit.Abstractions;

namespace Vrrpd.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of the receive path (<see cref="Ipv4Header.TryParse(ReadOnlySpan{byte}, out Ipv4Header, out string)"/>
/// → <see cref="AdvertisementPacket.TryDecode(ReadOnlySpan{byte}, AddressFamily, IPAddress, IPAddress, out AdvertisementPacket?, out DropReason, out string)"/>
/// → <see cref="AdvertisementReceiveCheck.Check(in ReceivedDatagram, AdvertisementPacket, ReceivePolicy)"/>) over the golden
/// corpus. Invariants: nothing throws, each input finishes within a bound, a drop always names its reason, and a
/// decoded message is exactly what the encoder would write for it. See <see cref="FuzzSettings"/> for longer runs.
/// </summary>
public class PacketFuzzTests(ITestOutputHelper output)
{
    private const int CiIterations = 100_000;
    private static readonly TimeSpan PerInputBound = TimeSpan.FromMilliseconds(500);
    private static readonly IPAddress Unicast4 = IPAddress.Parse("192.0.2.12");
    private static readonly IPAddress Unicast6 = IPAddress.Parse("fe80::12");

    [Fact]
    public void MutatedGoldenAdverts_NeverThrow_AndEveryDropNamesItsReason()
    {
        int iterations = FuzzSettings.Iterations(CiIterations);
        int seed = FuzzSettings.Seed(20261122);
        var random = new Random(seed);
        IReadOnlyList<CapturedMessage> corpus = PacketCorpus.Messages;
        var outcomes = new Dictionary<DropReason, int>();
        int accepted = 0;
        var loop = new BoundedLoop(nameof(PacketFuzzTests), PerInputBound);

        loop.Run(iterations, i =>
        {
            CapturedMessage seedMessage = corpus[random.Next(corpus.Count)];
            byte[] payload = ByteMutator.Mutate(random, seedMessage.Payload, corpus[random.Next(corpus.Count)].Payload);
            ReceivedDatagram datagram = Vary(random, seedMessage, payload);
            loop.Describe(() => Save("packet", seed, i, payload, $"{datagram.Family} {datagram.Source} -> {datagram.Destination} hop limit {datagram.HopLimit}"));

            DropReason reason = DecodeAndCheck(random, datagram, seedMessage);
            outcomes[reason] = outcomes.GetValueOrDefault(reason) + 1;
            if (reason == DropReason.None)
            {
                accepted++;
            }
        });

        // Mutations that keep the checksum right must reach the instance checks, or the run tests only the codec.
        string summary = $"seed {seed}, {iterations} inputs, slowest {loop.Slowest.TotalMilliseconds:0.#} ms: " +
            string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key.ToKey()}={o.Value}"));
        output.WriteLine(summary);
        Assert.True(accepted > 0 || iterations < 10_000, summary);
        Assert.True(outcomes.Count >= 8 || iterations < 10_000, $"too few distinct outcomes; {summary}");
    }

    [Fact]
    public void MutatedIpv4Packets_ParseWithinTheirOwnBytes_AndFeedTheDecoderSafely()
    {
        int iterations = FuzzSettings.Iterations(CiIterations / 3);
        int seed = FuzzSettings.Seed(20261122) + 1;
        var random = new Random(seed);
        IReadOnlyList<byte[]> corpus = PacketCorpus.Ipv4Packets;
        int parsed = 0;
        var loop = new BoundedLoop(nameof(MutatedIpv4Packets_ParseWithinTheirOwnBytes_AndFeedTheDecoderSafely), PerInputBound);

        loop.Run(iterations, i =>
        {
            byte[] packet = ByteMutator.Mutate(random, corpus[random.Next(corpus.Count)], corpus[random.Next(corpus.Count)]);
            loop.Describe(() => Save("ipv4", seed, i, packet, "IPv4 packet"));

            if (!Ipv4Header.TryParse(packet, out Ipv4Header header, out string error))
            {
                Assert.NotEmpty(error);
                return;
            }

            parsed++;
            Assert.Empty(error);
            Assert.Equal(4, header.Version);
            Assert.InRange(header.HeaderLength, 20, packet.Length);
            Assert.InRange(header.TotalLength, header.HeaderLength, packet.Length);
            ReadOnlySpan<byte> payload = header.GetPayload(packet);
            Assert.Equal(header.PayloadLength, payload.Length);

            // What the socket layer does next: the payload, with the header's addresses and TTL, into the decoder.
            var datagram = new ReceivedDatagram(AddressFamily.InterNetwork, header.Source, header.Destination, header.Ttl, 2, payload.ToArray());
            DecodeAndCheck(random, datagram, seedMessage: null);
        });

        output.WriteLine($"seed {seed}, {iterations} packets, {parsed} with a usable header, slowest {loop.Slowest.TotalMilliseconds:0.#} ms");
        Assert.True(parsed > iterations / 10, $"only {parsed} of {iterations} mutated packets had a usable header (seed {seed})");
    }

    /// <summary>Decodes, checks the decoder's promises, runs the instance checks; returns the final drop reason.</summary>
    private static DropReason DecodeAndCheck(Random random, ReceivedDatagram datagram, CapturedMessage? seedMessage)
    {
        ReadOnlySpan<byte> message = datagram.Payload.Span;
        bool decoded = AdvertisementPacket.TryDecode(
            message, datagram.Family, datagram.Source, datagram.Destination, out AdvertisementPacket? packet, out DropReason reason, out string error);
        Assert.Equal(decoded, reason == DropReason.None);
        Assert.Equal(decoded, error.Length == 0);
        Assert.NotEqual("unknown", reason.ToKey());

        ReceivePolicy policy = PolicyFor(random, packet, seedMessage);
        ReceiveVerdict combined = AdvertisementReceiveCheck.Check(datagram, policy, out AdvertisementPacket? again);
        Assert.Equal(combined.Accepted, combined.Reason == DropReason.None);
        Assert.NotEmpty(combined.Message);
        if (packet is null)
        {
            Assert.Null(again);
            Assert.Equal(reason, combined.Reason);
            return reason;
        }

        // A decoded message is canonical: the encoder writes the same bytes for it (same checksum form), except
        // v3's 4 reserved bits, which a receiver ignores (RFC 5798 §5.2.6) and a sender writes as 0. With them set
        // the checksum still covers them, so only the 4 bits are compared away (the checksum is not recomputed).
        Assert.NotNull(packet.ChecksumFormSeen);
        Assert.Equal(message[1], packet.VirtualRouterId);
        Assert.Equal(message[3], packet.Addresses.Count);
        var reencoded = new byte[message.Length + 8];
        int length = packet.WriteTo(reencoded, datagram.Source, datagram.Destination, packet.ChecksumFormSeen.Value);
        byte[] expected = message.ToArray();
        if (packet.Version == VrrpVersion.V3 && (expected[4] & 0xF0) != 0)
        {
            expected[4] &= 0x0F;
            reencoded[6] = expected[6];
            reencoded[7] = expected[7];
        }

        // A checksum of 0 may arrive as 0xFFFF, one's complement's other zero, and verifies either way (RFC 1071;
        // tests/Vrrpd.Core.Tests/Protocol/ChecksumNegativeZeroTests.cs); the encoder writes 0x0000.
        if (expected[6] == 0xFF && expected[7] == 0xFF && reencoded[6] == 0 && reencoded[7] == 0)
        {
            reencoded[6] = 0xFF;
            reencoded[7] = 0xFF;
        }

        Assert.True(expected.AsSpan().SequenceEqual(reencoded.AsSpan(0, length)), $"re-encoding a decoded advert changed its bytes: {Convert.ToHexString(reencoded, 0, length)}");

        ReceiveVerdict verdict = AdvertisementReceiveCheck.Check(datagram, packet, policy);
        Assert.Equal(verdict.Accepted, verdict.Reason == DropReason.None);
        Assert.Equal(verdict.Reason, combined.Reason);
        Assert.NotEqual("unknown", verdict.Reason.ToKey());
        return verdict.Reason;
    }

    /// <summary>Mostly the instance that would accept the seed; sometimes one that differs in one rule.</summary>
    private static ReceivePolicy PolicyFor(Random random, AdvertisementPacket? packet, CapturedMessage? seedMessage)
    {
        AdvertisementPacket? basis = packet;
        if (basis is null && seedMessage is not null)
        {
            AdvertisementPacket.TryDecode(seedMessage.Payload, seedMessage.Family, seedMessage.Source, seedMessage.Destination, out basis, out _);
        }

        ReceivePolicy policy = basis is null ? Policies.V3Ipv4(51) : Policies.Matching(basis, password: random.Next(2) == 0 ? "secret" : null);
        return random.Next(6) switch
        {
            0 => policy with { Multicast = false, UnicastPeers = [new UnicastPeer(Unicast4, (byte)random.Next(256), (byte)random.Next(256))], CheckUnicastSource = true },
            1 => policy with { LocalPriority = 255 },
            2 => policy with { Version = policy.Version == VrrpVersion.V2 ? VrrpVersion.V3 : VrrpVersion.V2 },
            3 => policy with { AuthType = (byte)random.Next(3), AuthPassword = new byte[random.Next(12)] },
            _ => policy,
        };
    }

    /// <summary>The mutated payload as received: mostly as captured; sometimes another hop limit, a unicast
    /// destination, a family that does not match, or a checksum repaired so the mutation gets past the codec.</summary>
    private static ReceivedDatagram Vary(Random random, CapturedMessage seed, byte[] payload)
    {
        AddressFamily family = seed.Family;
        IPAddress source = seed.Source;
        IPAddress destination = seed.Destination;
        int hopLimit = random.Next(8) == 0 ? random.Next(256) : seed.HopLimit;
        switch (random.Next(12))
        {
            case 0:
                destination = family == AddressFamily.InterNetwork ? Unicast4 : Unicast6;
                break;
            case 1:
                family = family == AddressFamily.InterNetwork ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
                break;
        }

        if (random.Next(2) == 0 && payload.Length >= VrrpWire.HeaderLength && source.AddressFamily == destination.AddressFamily)
        {
            ChecksumForm form = random.Next(2) == 0 ? ChecksumForm.PseudoHeader : ChecksumForm.MessageOnly;
            payload[6] = 0;
            payload[7] = 0;
            ushort checksum = AdvertisementChecksum.Compute(payload, form, source, destination);
            payload[6] = (byte)(checksum >> 8);
            payload[7] = (byte)checksum;
        }

        return new ReceivedDatagram(family, source, destination, hopLimit, 2, payload);
    }

    private static string Save(string kind, int seed, int iteration, byte[] input, string context)
    {
        string path = Path.Combine(FuzzSettings.FailureDirectory, $"{kind}-seed{seed}-iter{iteration}.hex");
        File.WriteAllText(path, Convert.ToHexString(input) + "\n");
        return $"seed {seed} iteration {iteration} ({context}): {Convert.ToHexString(input)} (saved to {path})";
    }
}
