using System.Diagnostics;
using Vrrpd.Health;

namespace Vrrpd.Linux.Tests.Gpu;

/// <summary>Xids from the NVML event thread and from the kernel log.</summary>
public sealed class GpuProbeXidTests
{
    [FakeGpuFact]
    public void Xid79_RaisesUrgentFatalLatched_WithinAHundredMilliseconds()
    {
        using var fake = FakeGpu.Create("count 2\n");
        using var harness = new GpuProbeHarness(fake);
        harness.Poll(); // learns the UUIDs used in the reason
        harness.StartListening();

        var clock = Stopwatch.StartNew();
        fake.Append("gpu 1 xid 79");
        Assert.True(harness.Urgent.TryTake(out var urgent, TimeSpan.FromSeconds(2)), "no urgent result");
        var latency = clock.Elapsed;

        Assert.Equal(CheckOutcome.Fatal, urgent.Outcome);
        Assert.True(urgent.Latch);
        Assert.Equal("GPU 1 (GPU-fa4e0000-0000-4000-8000-000000000001): Xid 79, fallen off the bus", urgent.Reason);
        Assert.Equal(new CheckFacts(Gpu: 1, Xid: 79), urgent.Facts);   // typed, for the failover report
        Assert.True(latency < TimeSpan.FromMilliseconds(100), $"Xid reached the tracker after {latency.TotalMilliseconds:0} ms");
        Assert.Equal(1, harness.Reading("xid_79_total", "1"));
        // The code travels as a typed label, not inside the name (metrics label it xid="79" without parsing).
        Assert.Contains(harness.Probe.Measurements, m => m is { Name: "xid_total", Device: "1", Label: { Name: "xid", Value: "79" } });
    }

    [FakeGpuFact]
    public void ApplicationXid13_IsIgnored_ButCounted()
    {
        using var fake = FakeGpu.Create("count 1\n");
        using var harness = new GpuProbeHarness(fake);
        harness.StartListening();

        fake.Append("gpu 0 xid 13");
        WaitFor(() => harness.Probe.Measurements.Any(m => m.DisplayName == "xid_13_total"));

        Assert.Empty(harness.Urgent);
        Assert.Equal(CheckOutcome.Ok, harness.Poll().Outcome);
    }

    [FakeGpuFact]
    public void NonFatalXid62_FailsTheNextPollOnly()
    {
        using var fake = FakeGpu.Create("count 1\n");
        using var harness = new GpuProbeHarness(fake);
        harness.Poll();
        harness.StartListening();

        fake.Append("gpu 0 xid 62");
        WaitFor(() => harness.Probe.Measurements.Any(m => m.DisplayName == "xid_62_total"));
        var next = harness.Poll();
        var after = harness.Poll();

        Assert.Empty(harness.Urgent);
        Assert.Equal(CheckOutcome.Failed, next.Outcome);
        Assert.Equal("GPU 0 (GPU-fa4e0000-0000-4000-8000-000000000000): Xid 62, thermal or power-brake violation (NVML event)", next.Reason);
        Assert.Equal(CheckOutcome.Ok, after.Outcome);
    }

    [FakeGpuFact]
    public void XidEventsOff_StartsNoEventSource()
    {
        using var fake = FakeGpu.Create("count 1\n");
        using var harness = new GpuProbeHarness(fake, GpuProbeHarness.Config(xidEvents: false));
        harness.Probe.Start();

        fake.Append("gpu 0 xid 79");
        Thread.Sleep(200);

        Assert.False(harness.Probe.XidEventsListening);
        Assert.Empty(harness.Urgent);
    }

    [FakeGpuFact]
    public void KernelLogXidLine_RaisesUrgent_ForTheGpuAtThatPciAddress()
    {
        using var fake = FakeGpu.Create("count 2\n");
        string kmsg = Path.Combine(fake.Folder, "kmsg");
        File.WriteAllText(kmsg, "6,100,5000,-;NVRM: Xid (PCI:0000:11:00): 79, pid=1, name=old, GPU has fallen off the bus.\n");
        using var harness = new GpuProbeHarness(fake, GpuProbeHarness.Config(), kmsgPath: kmsg);
        harness.Poll(); // learns the PCI addresses
        harness.Probe.Start();

        File.AppendAllText(kmsg, "4,101,6000,-;NVRM: Xid (PCI:0000:11:00): 119, pid=2, name=python, Timeout after 45s of waiting for RPC response from GPU1 GSP!\n");
        Assert.True(harness.Urgent.TryTake(out var urgent, TimeSpan.FromSeconds(2)), "no urgent result");

        Assert.Equal(CheckOutcome.Fatal, urgent.Outcome);
        Assert.Equal("GPU 1 (GPU-fa4e0000-0000-4000-8000-000000000001): Xid 119, GSP RPC timeout", urgent.Reason);
        Assert.False(harness.Urgent.TryTake(out _, TimeSpan.FromMilliseconds(100)), "the line written before Start was replayed");
    }

    [FakeGpuFact]
    public void KernelLogFallenOffTheBusWithoutXid_RaisesUrgent_AndOtherGpusAreIgnored()
    {
        using var fake = FakeGpu.Create("count 1\n");
        string kmsg = Path.Combine(fake.Folder, "kmsg");
        File.WriteAllText(kmsg, "");
        using var harness = new GpuProbeHarness(fake, GpuProbeHarness.Config(), kmsgPath: kmsg);
        harness.Poll();
        harness.Probe.Start();

        File.AppendAllText(kmsg, "3,7,8,-;NVRM: GPU 0000:3b:00.0: GPU has fallen off the bus.\n");
        File.AppendAllText(kmsg, "3,8,9,-;NVRM: GPU 0000:10:00.0: GPU has fallen off the bus.\n");
        Assert.True(harness.Urgent.TryTake(out var urgent, TimeSpan.FromSeconds(2)), "no urgent result");

        Assert.Equal("GPU 0 (GPU-fa4e0000-0000-4000-8000-000000000000): fallen off the bus (kernel log)", urgent.Reason);
        Assert.Empty(harness.Urgent);
    }

    [FakeGpuFact]
    public void RealKernelLog_SkipsItsHistory_AndStopsPromptly()
    {
        if (!File.Exists("/dev/kmsg"))
            return;
        using var fake = FakeGpu.Create("count 1\n");
        using var harness = new GpuProbeHarness(fake, GpuProbeHarness.Config(), kmsgPath: "/dev/kmsg");
        harness.Poll();

        var clock = Stopwatch.StartNew();
        harness.StartListening();
        harness.Probe.Dispose();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"start and stop took {clock.Elapsed}");
        Assert.Empty(harness.Urgent);
    }

    private static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(2);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 2 s");
            Thread.Sleep(5);
        }
    }
}
