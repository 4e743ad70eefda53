using System.Net;
using System.Net.Sockets;
using Vrrpd.Protocol;
using Vrrpd.StateMachine;

namespace Vrrpd.Tests.StateMachine;

/// <summary>
/// Steady-state advertising allocates nothing per advert (docs/design/event-loop.md §6): 10,000 adverts sent by a
/// Master and 10,000 received, decoded, checked and accepted by a Backup, measured with the thread's allocation
/// counter. The daemon's own share (sockets, the event loop) is measured by the benchmark's allocation scenario.
/// </summary>
public class SteadyStateAllocationTests
{
    private const int Adverts = 10_000;
    private static readonly IPAddress Peer = IPAddress.Parse("192.0.2.20");
    private static readonly IPAddress Group = IPAddress.Parse("224.0.0.18");

    /// <summary>A clock moved by the test and timers fired by it, with nothing allocated on the way.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private readonly List<ManualTimer> _timers = new(8);

        public long Now { get; private set; } = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Now;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(Now);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            _timers.Add(timer);
            timer.Change(dueTime, period);
            return timer;
        }

        /// <summary>Moves the clock, firing what falls due on the way at its due time.</summary>
        public void Advance(TimeSpan by)
        {
            long end = Now + by.Ticks;
            while (true)
            {
                ManualTimer? next = null;
                for (int i = 0; i < _timers.Count; i++)
                {
                    if (_timers[i].Due is { } due && due <= end && (next is null || due < next.Due)) next = _timers[i];
                }
                if (next is null) break;
                Now = next.Due!.Value;
                next.Due = null;
                next.Fire();
            }
            Now = end;
        }

        private sealed class ManualTimer(ManualTime owner, TimerCallback callback, object? state) : ITimer
        {
            public long? Due { get; set; }

            public void Fire() => callback(state);

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner.Now + dueTime.Ticks;
                return true;
            }

            public void Dispose() => Due = null;

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    private sealed class CountingPorts : IVirtualRouterPorts
    {
        public int Sent;
        public void SendAdvertisement(byte priority) => Sent++;
        public void AddVirtualAddresses() { }
        public void RemoveVirtualAddresses() { }
        public void AnnounceVirtualAddresses(AnnounceReason reason) { }
        public void OnTransition(StateTransition transition) { }
    }

    private static VirtualRouterSettings Settings(byte priority) =>
        new("VI_1", 51, VrrpVersion.V3, priority, TimeSpan.FromMilliseconds(10), true, TimeSpan.Zero, IPAddress.Parse("192.0.2.10"));

    [Fact]
    public void AMaster_SendsTenThousandAdverts_WithoutAllocating()
    {
        var time = new ManualTime();
        var ports = new CountingPorts();
        var router = new VirtualRouter(Settings(150), time, ports);
        router.Start();
        time.Advance(router.MasterDownInterval);
        Assert.Equal(VrrpState.Master, router.State);
        time.Advance(TimeSpan.FromMilliseconds(100));   // first adverts: the timer is made, its slot reused from here

        int before = ports.Sent;
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        time.Advance(TimeSpan.FromMilliseconds(10) * Adverts);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(Adverts, ports.Sent - before);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ABackup_DecodesChecksAndAcceptsTenThousandAdverts_WithoutAllocating()
    {
        var time = new ManualTime();
        var router = new VirtualRouter(Settings(100), time, new CountingPorts());
        router.Start();
        var vips = new[] { IPAddress.Parse("192.0.2.100") };
        var policy = new ReceivePolicy(VrrpVersion.V3, 51, 100, TimeSpan.FromMilliseconds(10), 0, ReadOnlyMemory<byte>.Empty,
            vips, true, null, false);
        var packet = new AdvertisementPacket
        {
            Version = VrrpVersion.V3, VirtualRouterId = 51, Priority = 150, AdvertisementInterval = TimeSpan.FromMilliseconds(10),
            Addresses = vips, Family = AddressFamily.InterNetwork,
        };
        var wire = new byte[AdvertisementPacket.GetEncodedLength(VrrpVersion.V3, AddressFamily.InterNetwork, 1)];
        packet.WriteTo(wire, Peer, Group, ChecksumForm.PseudoHeader);
        var cache = new DecodedAdvertisementCache();

        void ReceiveOne()
        {
            var datagram = new ReceivedDatagram(AddressFamily.InterNetwork, Peer, Group, 255, 2, wire, time.GetUtcNow());
            Assert.True(cache.TryDecode(wire, AddressFamily.InterNetwork, Peer, Group, out var decoded, out _));
            var verdict = AdvertisementReceiveCheck.Check(datagram, decoded, policy);
            Assert.True(verdict.Accepted);
            router.ReceiveAdvertisement(new ReceivedAdvertisement(Peer, decoded.Priority, decoded.AdvertisementInterval, datagram.ArrivedAt));
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        for (int i = 0; i < 10; i++) ReceiveOne();   // the first decode and the down timer's first arming allocate
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Adverts; i++) ReceiveOne();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(VrrpState.Backup, router.State);
        Assert.Equal(Peer, router.MasterAddress);
        Assert.Equal(0, allocated);
    }
}
