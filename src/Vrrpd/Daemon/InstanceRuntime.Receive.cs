using Vrrpd.Protocol;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

internal sealed partial class InstanceRuntime
{
    private ReceivePolicy? _policy;

    private ReceivePolicy Policy => _policy ??= new ReceivePolicy(
        Config.Version,
        Config.VirtualRouterId,
        Config.Priority,
        Config.AdvertisementInterval,
        (byte)(Config.Authentication?.Type ?? AuthenticationType.None),
        Config.Authentication?.Password ?? ReadOnlyMemory<byte>.Empty,
        Config.VirtualAddresses.Select(v => v.Address).ToArray(),
        Multicast,
        Multicast ? null : Config.UnicastPeers.Select(p => new UnicastPeer(p.Address, (byte?)p.MinTtl, (byte?)p.MaxTtl)).ToArray(),
        Config.CheckUnicastSource);

    /// <summary>
    /// Receive path, second and third layers (docs/design/code-conventions.md §2): the codec validated the packet's form; here the
    /// per-instance checks of RFC 5798 §7.1 run, and an accepted advert goes to the state machine. Nothing here
    /// throws on the network's input: a bad packet is counted by reason and logged at a limited rate.
    /// </summary>
    public void OnDatagram(in ReceivedDatagram datagram, AdvertisementPacket? packet, DropReason decodeFailure)
    {
        if (_router is null) return;
        if (packet is null)
        {
            Drop(decodeFailure, $"from {datagram.Source}: {decodeFailure}");
            return;
        }
        var verdict = AdvertisementReceiveCheck.Check(datagram, packet, Policy);
        if (!verdict.Accepted)
        {
            Drop(verdict.Reason, $"from {datagram.Source}: {verdict.Message}");
            return;
        }
        if (verdict.AddressListMismatch && _dropLog.ShouldLog("vip-mismatch"))
            _log.Warning($"advert from {datagram.Source} lists other virtual addresses than ours; accepted (RFC 5798 §7.1 MAY verify)");
        if (verdict.IntervalMismatch && _dropLog.ShouldLog("interval-mismatch"))
            _log.Warning($"advert from {datagram.Source} has interval {packet.AdvertisementInterval.TotalMilliseconds} ms, ours is {Config.AdvertisementInterval.TotalMilliseconds} ms; learning it (RFC 9568 §7.1)");
        Counters.Received();
        RememberAdvert(datagram.Source, packet.Priority);
        _router.ReceiveAdvertisement(new ReceivedAdvertisement(datagram.Source, packet.Priority, packet.AdvertisementInterval, datagram.ArrivedAt));
    }

    private void Drop(DropReason reason, string message)
    {
        Counters.Dropped(reason);
        if (_dropLog.ShouldLog(reason.ToKey())) _log.Warning($"dropped advert {message}");
    }
}
