using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Vrrpd.Protocol;

/// <summary>
/// The per-instance receive rules of RFC 3768 / 5798 / 9568 §7.1, in keepalived's order (vrrp_check_packet,
/// docs/design/keepalived-compatibility.md §7). A dropped advert MUST NOT reset any timer; the caller counts it by
/// <see cref="DropReason"/> and logs <see cref="ReceiveVerdict.Message"/>.
/// </summary>
public static class AdvertisementReceiveCheck
{
    /// <summary>The whole receive path: decode the payload (packet checks), then <see cref="Check(in ReceivedDatagram,
    /// AdvertisementPacket, ReceivePolicy)"/>. Like keepalived, the exact-length check comes before the TTL check.</summary>
    public static ReceiveVerdict Check(in ReceivedDatagram datagram, ReceivePolicy policy, out AdvertisementPacket? packet)
    {
        if (!AdvertisementPacket.TryDecode(
            datagram.Payload.Span, datagram.Family, datagram.Source, datagram.Destination, out packet, out DropReason reason, out string error))
        {
            return ReceiveVerdict.Drop(reason, error);
        }

        return Check(datagram, packet, policy);
    }

    /// <summary>Checks an already decoded advert against one configured instance.</summary>
    public static ReceiveVerdict Check(in ReceivedDatagram datagram, AdvertisementPacket packet, ReceivePolicy policy)
    {
        if (packet.Family != datagram.Family)
        {
            return ReceiveVerdict.Drop(DropReason.FamilyMismatch, $"{packet.Family} advert received over {datagram.Family}");
        }

        // MUST verify TTL / hop limit 255 (§7.1). keepalived checks it for multicast only: a unicast advert may be
        // routed, and is checked against the peer's TTL range further down instead.
        if (policy.Multicast && datagram.HopLimit != VrrpWire.RequiredHopLimit)
        {
            string name = datagram.Family == AddressFamily.InterNetworkV6 ? "hop limit" : "TTL";
            return ReceiveVerdict.Drop(DropReason.TtlNot255, $"{name} is {datagram.HopLimit}; must be 255");
        }

        // MUST verify the version field equals the configured one (§7.1); v2 and v3 do not interoperate (§8.4).
        if (packet.Version != policy.Version)
        {
            return ReceiveVerdict.Drop(
                DropReason.VersionMismatch, $"version {(int)packet.Version}; this instance runs version {(int)policy.Version}");
        }

        // MUST verify that the VRID is configured on the receiving interface and the local router is not the
        // address owner (§7.1).
        if (packet.VirtualRouterId != policy.VirtualRouterId)
        {
            return ReceiveVerdict.Drop(
                DropReason.UnknownVirtualRouterId, $"VRID {packet.VirtualRouterId}; this instance is VRID {policy.VirtualRouterId}");
        }

        if (policy.LocalPriority == 255)
        {
            return ReceiveVerdict.Drop(
                DropReason.OwnerIgnoresAdvertisements, "this router is the address owner (priority 255) and discards adverts");
        }

        ReceiveWarnings warnings = ReceiveWarnings.None;
        List<string>? notes = null;   // only a warning allocates: an accepted advert costs nothing (docs/design/event-loop.md §6)
        if (packet.Version == VrrpVersion.V2)
        {
            ReceiveVerdict? v2Failure = CheckV2(packet, policy);
            if (v2Failure is { } failure)
            {
                return failure;
            }
        }
        else if (AdvertisementIntervalField.Encode(VrrpVersion.V3, packet.AdvertisementInterval)
                 != AdvertisementIntervalField.Encode(VrrpVersion.V3, policy.AdvertisementInterval))
        {
            // RFC 5798 does not check it (the Backup learns Master_Adver_Interval); RFC 9568 §7.1: SHOULD log,
            // MUST NOT drop.
            warnings |= ReceiveWarnings.IntervalMismatch;
            (notes ??= []).Add($"advertisement interval {Centiseconds(packet.AdvertisementInterval)} cs differs from ours ({Centiseconds(policy.AdvertisementInterval)} cs)");
        }

        // Not in the RFCs (keepalived): a multicast instance takes only multicast adverts, a unicast one only unicast.
        bool toGroup = VrrpWire.IsMulticast(datagram.Destination);
        if (toGroup != policy.Multicast)
        {
            string mode = policy.Multicast ? "multicast" : "unicast";
            return ReceiveVerdict.Drop(
                DropReason.DestinationModeMismatch, $"destination {datagram.Destination} in {mode} mode");
        }

        if (!SameAddressSet(packet.Addresses, policy.VirtualAddresses))
        {
            string difference = $"address list [{string.Join(", ", packet.Addresses)}] differs from ours [{string.Join(", ", policy.VirtualAddresses)}]";

            // RFC 3768 §7.1: MAY verify; on mismatch, if the advert's priority is not 255, MUST drop.
            if (packet.Version == VrrpVersion.V2 && packet.Priority != 255)
            {
                return ReceiveVerdict.Drop(DropReason.AddressListMismatch, difference);
            }

            // RFC 5798 / 9568 §7.1: SHOULD log, no drop. This is keepalived 2.3.3+ behaviour; 2.2.7 still drops
            // such v3 adverts, so two clusters sharing a VRID both become Master there (keepalived #2444).
            warnings |= ReceiveWarnings.AddressListMismatch;
            (notes ??= []).Add(difference);
        }

        if (!policy.Multicast && CheckUnicastPeer(datagram, policy) is { } peerFailure)
        {
            return peerFailure;
        }

        return ReceiveVerdict.Accept(warnings, notes is null ? string.Empty : string.Join("; ", notes));
    }

    /// <summary>RFC 3768 §7.1: Auth Type, authentication, and an interval equal to ours.</summary>
    private static ReceiveVerdict? CheckV2(AdvertisementPacket packet, ReceivePolicy policy)
    {
        if (packet.AuthType != policy.AuthType)
        {
            return ReceiveVerdict.Drop(
                DropReason.AuthTypeMismatch, $"auth type {packet.AuthType}; this instance uses {policy.AuthType}");
        }

        if (packet.AuthType == (byte)AuthenticationType.Pass && !PasswordMatches(packet.AuthData.Span, policy.AuthPassword.Span))
        {
            return ReceiveVerdict.Drop(DropReason.AuthFailed, "authentication password does not match");
        }

        int theirs = AdvertisementIntervalField.Encode(VrrpVersion.V2, packet.AdvertisementInterval);
        int ours = AdvertisementIntervalField.Encode(VrrpVersion.V2, policy.AdvertisementInterval);
        if (theirs != ours)
        {
            // RFC 3768 §7.1: MUST verify the interval equals the local one, else discard (keepalived too).
            return ReceiveVerdict.Drop(DropReason.IntervalMismatch, $"advertisement interval {theirs} s; ours is {ours} s");
        }

        return null;
    }

    /// <summary>
    /// Both sides as 8 zero-padded bytes (keepalived truncates <c>auth_pass</c> to 8), compared in constant time so
    /// the time taken does not reveal how many leading bytes matched.
    /// </summary>
    private static bool PasswordMatches(ReadOnlySpan<byte> received, ReadOnlySpan<byte> configured)
    {
        Span<byte> theirs = stackalloc byte[VrrpWire.V2AuthDataLength];
        Span<byte> ours = stackalloc byte[VrrpWire.V2AuthDataLength];
        theirs.Clear();
        ours.Clear();
        received[..Math.Min(received.Length, theirs.Length)].CopyTo(theirs);
        configured[..Math.Min(configured.Length, ours.Length)].CopyTo(ours);
        return CryptographicOperations.FixedTimeEquals(theirs, ours);
    }

    /// <summary>keepalived <c>check_unicast_src</c> and the per-peer TTL range (a range implies the source check).</summary>
    private static ReceiveVerdict? CheckUnicastPeer(in ReceivedDatagram datagram, ReceivePolicy policy)
    {
        IReadOnlyList<UnicastPeer> peers = policy.UnicastPeers ?? [];
        bool anyTtlRange = false;
        for (int i = 0; i < peers.Count; i++)
        {
            anyTtlRange |= peers[i].HasTtlRange;
        }

        if (!policy.CheckUnicastSource && !anyTtlRange)
        {
            return null;
        }

        IPAddress source = datagram.Source;
        UnicastPeer? sender = null;
        for (int i = 0; i < peers.Count && sender is null; i++)
        {
            if (VrrpWire.SameAddress(peers[i].Address, source))
            {
                sender = peers[i];
            }
        }
        if (sender is null)
        {
            return ReceiveVerdict.Drop(DropReason.UnicastSourceNotPeer, $"source {source} is not a configured unicast peer");
        }

        if (sender.HasTtlRange && !sender.AcceptsTtl(datagram.HopLimit))
        {
            return ReceiveVerdict.Drop(
                DropReason.UnicastTtlOutOfRange,
                $"TTL is {datagram.HopLimit}; peer {source} allows {sender.MinTtl ?? 0}..{sender.MaxTtl ?? 255}");
        }

        return null;
    }

    /// <summary>Same count and same addresses; order is only a SHOULD (RFC 5798 §5.2.9), so it is not compared.</summary>
    // Loops, not LINQ: this runs for every advert, and the lambdas would allocate.
    private static bool SameAddressSet(IReadOnlyList<IPAddress> received, IReadOnlyList<IPAddress> configured)
    {
        if (received.Count != configured.Count)
        {
            return false;
        }

        for (int i = 0; i < received.Count; i++)
        {
            bool found = false;
            for (int j = 0; j < configured.Count && !found; j++)
            {
                found = VrrpWire.SameAddress(received[i], configured[j]);
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static long Centiseconds(TimeSpan interval) => interval.Ticks / (TimeSpan.TicksPerMillisecond * 10);
}
