using Vrrpd.Linux;
using System.Net;
using System.Net.Sockets;
using Vrrpd.Protocol;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

internal sealed partial class InstanceRuntime
{
    private static readonly IPAddress MulticastGroupV4 = IPAddress.Parse("224.0.0.18"); // RFC 5798 §5.1.1.2
    private static readonly IPAddress MulticastGroupV6 = IPAddress.Parse("ff02::12");   // RFC 5798 §5.1.2.2

    /// <summary>The state machine's view of the world, carried out on the Linux edge.</summary>
    private sealed class Ports(InstanceRuntime owner) : IVirtualRouterPorts
    {
        public void SendAdvertisement(byte priority) => owner.SendAdvertisement(priority);
        public void AddVirtualAddresses() => owner.AddVirtualAddresses();
        public void RemoveVirtualAddresses() => owner.RemoveVirtualAddresses();

        // After the VIPs' add on the same worker: an announcement never precedes its address.
        public void AnnounceVirtualAddresses(AnnounceReason reason) =>
            owner._context.Effects.Enqueue(reason == AnnounceReason.BecameMaster
                ? owner._announcements.OnBecameMaster
                : owner._announcements.OnLowerPriorityHeard);

        public void OnTransition(StateTransition transition) => owner.OnTransition(transition);

        // No ReceivePending: the event loop reads every socket before it fires a due timer.
    }

    /// <summary>The advert's destinations: the group, or every unicast peer. Cached with the configuration it was
    /// made from (a reload replaces <see cref="Config"/> whole).</summary>
    private IPAddress[] AdvertisementDestinations()
    {
        if (_destinations is { } cached && ReferenceEquals(cached.Config, Config)) return cached.Addresses;
        IPAddress[] addresses = Multicast
            ? [Config.Family == AddressFamily.InterNetworkV6 ? MulticastGroupV6 : MulticastGroupV4]
            : [.. Config.UnicastPeers.Select(p => p.Address)];
        _destinations = (Config, addresses);
        return addresses;
    }

    /// <summary>
    /// The advert at this priority. Its fields change only with the configuration or the priority, so the last one is
    /// kept and sent again: a Master advertising steadily allocates nothing per advert (docs/design/event-loop.md §6).
    /// </summary>
    private AdvertisementPacket AdvertisementAt(byte priority)
    {
        if (_advert is { } cached && ReferenceEquals(cached.Config, Config) && cached.Packet.Priority == priority) return cached.Packet;
        var packet = new AdvertisementPacket
        {
            Version = Config.Version,
            VirtualRouterId = Config.VirtualRouterId,
            Priority = priority,
            AdvertisementInterval = Config.AdvertisementInterval,
            AuthType = (byte)(Config.Authentication?.Type ?? AuthenticationType.None),
            AuthData = Config.Authentication?.Password ?? new byte[8],
            Addresses = Config.VirtualAddresses.Select(v => v.Address).ToArray(),
            Family = Config.Family,
        };
        _advert = (Config, packet);
        return packet;
    }

    private void SendAdvertisement(byte priority)
    {
        if (_receiver is null || _sourceAddress is null) return;
        var packet = AdvertisementAt(priority);
        // RFC 5798 §5.2.8 as keepalived/FRR/Wireshark read it (IPv4 pseudo-header) unless the instance asks for
        // RFC 9568's message-only form (v3_checksum_as_v2). v2 and IPv6 ignore the choice.
        var form = Config.Version == VrrpVersion.V3 && !Config.V3ChecksumAsV2 ? ChecksumForm.PseudoHeader : ChecksumForm.MessageOnly;
        Span<byte> buffer = stackalloc byte[AdvertisementPacket.GetEncodedLength(Config.Version, Config.Family, packet.Addresses.Count)];
        bool sent = false;
        string? error = null;
        foreach (var destination in AdvertisementDestinations())
        {
            try
            {
                var length = packet.WriteTo(buffer, _sourceAddress, destination, form);
                _receiver.Socket.Send(buffer[..length], destination, _sourceAddress);
                Counters.Sent();
                sent = true;
            }
            catch (Exception e) when (e is SocketException or NativeCallException)
            {
                error = e.Message;
                if (_dropLog.ShouldLog("send")) _log.Warning($"sending advertisement to {destination} failed: {e.Message}");
            }
        }
        if (priority > 0) RecordAdvertOutcome(sent, error);
    }

    /// <summary>One announcement of every address; on the effects worker or the scheduler's timer, never the loop.
    /// Reads the configuration the loop last published (a reload replaces it whole).</summary>
    private void AnnounceOnce() => _addresses.Announce(AllVirtualAddresses);

    private void OnTransition(StateTransition transition)
    {
        _isMaster = transition.To == VrrpState.Master;
        _log.Info($"{transition.From} -> {transition.To} ({transition.Reason})");
        Counters.Transitioned(transition.From.ToString(), transition.To.ToString());
        RecordTransition(transition);
        if (transition.From == VrrpState.Master)
        {
            _context.Effects.Enqueue(_announcements.Cancel);
            Ownership?.OnLeftMaster();   // the lease goes back after the addresses are gone
        }
        var (name, notify, to, priority) = (Config.Name, Config.Notify, transition.To, _router?.EffectivePriority ?? Config.Priority);
        var token = Ownership?.Claim.FencingToken;
        _context.Effects.Enqueue(() => _context.Notify.OnTransition(name, notify, to, priority, token));
        TransitionObserved?.Invoke(this, transition);
    }

    // Read by the announcement scheduler's timers, off the loop: published by the loop on every transition.
    private volatile bool _isMaster;

    /// <summary>Raised after each transition (sync groups and the status of other subsystems listen).</summary>
    public event Action<InstanceRuntime, StateTransition>? TransitionObserved;
}
