using System.Net;
using Vrrpd.Protocol;
using Vrrpd.StateMachine;

namespace Vrrpd.Tests.StateMachine;

/// <summary>One virtual router on fake time with recording ports, plus helpers to speak to it.</summary>
public sealed class RouterHarness
{
    public static readonly IPAddress Local4 = IPAddress.Parse("192.0.2.10");
    public static readonly IPAddress Local6 = IPAddress.Parse("fe80::10");

    public RouterHarness(VirtualRouterSettings settings, FakeTimeProvider? time = null, object? gate = null)
    {
        Time = time ?? new FakeTimeProvider();
        Start = Time.GetUtcNow();
        Ports = new RecordingPorts(Time);
        Router = new VirtualRouter(settings, Time, Ports, gate);
    }

    public FakeTimeProvider Time { get; }
    public DateTimeOffset Start { get; }
    public RecordingPorts Ports { get; }
    public VirtualRouter Router { get; }

    /// <summary>Virtual time since the harness was built.</summary>
    public TimeSpan Elapsed => Time.GetUtcNow() - Start;

    public static VirtualRouterSettings V2(byte priority = 100, int intervalSeconds = 1, bool preempt = true,
        TimeSpan preemptDelay = default, string name = "VI_1") =>
        new(name, 51, VrrpVersion.V2, priority, TimeSpan.FromSeconds(intervalSeconds), preempt, preemptDelay, Local4);

    public static VirtualRouterSettings V3(byte priority = 100, int intervalCentiseconds = 100, bool preempt = true,
        IPAddress? primary = null, string name = "VI_1") =>
        new(name, 51, VrrpVersion.V3, priority, Centiseconds(intervalCentiseconds), preempt, TimeSpan.Zero, primary ?? Local4);

    public static TimeSpan Centiseconds(int cs) => TimeSpan.FromMilliseconds(cs * 10);

    public static TimeSpan Microseconds(long us) => TimeSpan.FromTicks(us * 10);

    public void Advance(TimeSpan by) => Time.Advance(by);

    /// <summary>Moves to an absolute point of virtual time since the harness was built.</summary>
    public void AdvanceTo(TimeSpan since) => Time.Advance(since - Elapsed);

    public void Receive(string source, byte priority, TimeSpan? interval = null) =>
        Router.ReceiveAdvertisement(new ReceivedAdvertisement(IPAddress.Parse(source), priority, interval ?? Router.Settings.AdvertisementInterval));

    /// <summary>An advert the kernel stamped <paramref name="ago"/> before now (SO_TIMESTAMPNS).</summary>
    public void ReceiveArrived(TimeSpan ago, string source, byte priority) =>
        Router.ReceiveAdvertisement(new ReceivedAdvertisement(IPAddress.Parse(source), priority,
            Router.Settings.AdvertisementInterval, Time.GetUtcNow() - ago));

    /// <summary>Start and run the down timer out, so the router is Master; the recorded calls are cleared.</summary>
    public RouterHarness StartAsMaster()
    {
        Router.Start();
        Advance(Router.MasterDownInterval);
        Assert.Equal(VrrpState.Master, Router.State);
        Ports.Clear();
        return this;
    }
}
