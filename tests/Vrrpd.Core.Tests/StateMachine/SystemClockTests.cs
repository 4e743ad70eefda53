using System.Net;
using Vrrpd.Protocol;
using Vrrpd.StateMachine;

namespace Vrrpd.Tests.StateMachine;

/// <summary>One smoke test on the real clock: the timers and the gate work on thread-pool threads.</summary>
public class SystemClockTests
{
    private sealed class SignallingPorts : IVirtualRouterPorts
    {
        public ManualResetEventSlim BecameMaster { get; } = new();
        public int Adverts;
        public void SendAdvertisement(byte priority) => Interlocked.Increment(ref Adverts);
        public void AddVirtualAddresses() { }
        public void RemoveVirtualAddresses() { }
        public void AnnounceVirtualAddresses(AnnounceReason reason) { }
        public void OnTransition(StateTransition transition)
        {
            if (transition.To == VrrpState.Master) BecameMaster.Set();
        }
    }

    [Fact]
    public void V3AtTenMilliseconds_BecomesMasterAndAdvertises_OnTheSystemClock()
    {
        var ports = new SignallingPorts();
        var router = new VirtualRouter(
            new VirtualRouterSettings("VI_1", 51, VrrpVersion.V3, 100, TimeSpan.FromMilliseconds(10), true, TimeSpan.Zero, IPAddress.Parse("192.0.2.10")),
            TimeProvider.System, ports);

        router.Start();
        Assert.True(ports.BecameMaster.Wait(TimeSpan.FromSeconds(10)), "no Master within 10 s (down interval 36 ms)");
        SpinWait.SpinUntil(() => Volatile.Read(ref ports.Adverts) >= 3, TimeSpan.FromSeconds(10));
        router.Stop();

        Assert.True(ports.Adverts >= 3);
        Assert.Equal(VrrpState.Initialize, router.State);
    }
}
