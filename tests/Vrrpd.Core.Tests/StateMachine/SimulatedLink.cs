using System.Net;
using Vrrpd.StateMachine;

namespace Vrrpd.Tests.StateMachine;

/// <summary>
/// A fake Ethernet segment: every advert one router sends reaches the others after <see cref="Delay"/> of
/// virtual time (delivered from a timer, never re-entrantly from inside the sender's state change).
/// </summary>
public sealed class SimulatedLink(FakeTimeProvider time)
{
    private readonly List<(VirtualRouter Router, IPAddress Address)> _routers = new();

    public static readonly TimeSpan Delay = TimeSpan.FromTicks(1_000);   // 100 µs

    /// <summary>False drops every advert (a partition).</summary>
    public bool Connected { get; set; } = true;

    public TimeProvider Time => time;

    public (VirtualRouter Router, RecordingPorts Ports) Attach(VirtualRouterSettings settings)
    {
        var ports = new LinkPorts(this, settings.PrimaryAddress, settings.AdvertisementInterval);
        var router = new VirtualRouter(settings, time, ports);
        _routers.Add((router, settings.PrimaryAddress));
        return (router, ports.Recorder);
    }

    private void Broadcast(IPAddress source, byte priority, TimeSpan interval)
    {
        if (!Connected) return;
        foreach (var (router, address) in _routers.Where(r => !r.Address.Equals(source)))
        {
            ITimer? delivery = null;
            delivery = time.CreateTimer(_ =>
            {
                delivery!.Dispose();
                if (Connected) router.ReceiveAdvertisement(new ReceivedAdvertisement(source, priority, interval));
            }, null, Delay, Timeout.InfiniteTimeSpan);
        }
    }

    private sealed class LinkPorts(SimulatedLink link, IPAddress address, TimeSpan interval) : IVirtualRouterPorts
    {
        public RecordingPorts Recorder { get; } = new(link.Time);

        public void SendAdvertisement(byte priority)
        {
            Recorder.SendAdvertisement(priority);
            link.Broadcast(address, priority, interval);
        }

        public void AddVirtualAddresses() => Recorder.AddVirtualAddresses();
        public void RemoveVirtualAddresses() => Recorder.RemoveVirtualAddresses();
        public void AnnounceVirtualAddresses(AnnounceReason reason) => Recorder.AnnounceVirtualAddresses(reason);
        public void OnTransition(StateTransition transition) => Recorder.OnTransition(transition);
    }
}
