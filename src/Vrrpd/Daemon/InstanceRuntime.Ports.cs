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

        public void AnnounceVirtualAddresses(AnnounceReason reason)
        {
            if (reason == AnnounceReason.BecameMaster) owner._announcements.OnBecameMaster();
            else owner._announcements.OnLowerPriorityHeard();
        }

        public void OnTransition(StateTransition transition) => owner.OnTransition(transition);

        public void ReceivePending() => owner._receiver?.ReceivePending();
    }

    private IEnumerable<IPAddress> AdvertisementDestinations() =>
        Multicast
            ? [Config.Family == AddressFamily.InterNetworkV6 ? MulticastGroupV6 : MulticastGroupV4]
            : Config.UnicastPeers.Select(p => p.Address);

    private void SendAdvertisement(byte priority)
    {
        if (_receiver is null || _sourceAddress is null) return;
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

    private void AnnounceOnce()
    {
        foreach (var vip in Config.VirtualAddresses.Concat(Config.ExcludedAddresses))
        {
            var index = InterfaceIndexOf(vip.Device);
            if (index > 0) _context.Announcers.Announce(index, vip.Address);
        }
    }

    private void OnTransition(StateTransition transition)
    {
        _log.Info($"{transition.From} -> {transition.To} ({transition.Reason})");
        Counters.Transitioned(transition.From.ToString(), transition.To.ToString());
        RecordTransition(transition);
        if (transition.From == VrrpState.Master) _announcements.Cancel();
        _context.Notify.OnTransition(Config.Name, Config.Notify, transition.To, _router?.EffectivePriority ?? Config.Priority);
        TransitionObserved?.Invoke(this, transition);
    }

    /// <summary>Raised after each transition (sync groups and the status of other subsystems listen).</summary>
    public event Action<InstanceRuntime, StateTransition>? TransitionObserved;
}
