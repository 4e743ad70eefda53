using Vrrpd.Protocol;
using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

public class VrrpTimersTests
{
    // docs/design/vrrp-protocol.md §6 worked values, exact (µs, with the fractional µs the formula gives).
    [Theory]
    [InlineData(100, 1, 609_375, 3_609_375)]
    [InlineData(150, 1, 414_062.5, 3_414_062.5)]
    [InlineData(254, 1, 7_812.5, 3_007_812.5)]
    [InlineData(1, 1, 996_093.75, 3_996_093.75)]
    [InlineData(100, 2, 609_375, 6_609_375)]   // v2 skew does not scale with the interval (RFC 3768 §6.1)
    public void V2_SkewIsAFractionOfOneSecond_AndTheDownIntervalAddsThreeIntervals(byte priority, int seconds, double skewUs, double downUs)
    {
        var interval = TimeSpan.FromSeconds(seconds);

        AssertWithinOneTick(skewUs, VrrpTimers.SkewTime(VrrpVersion.V2, priority, interval));
        AssertWithinOneTick(downUs, VrrpTimers.MasterDownInterval(VrrpVersion.V2, priority, interval));
    }

    [Theory]
    [InlineData(100, 100, 609_375, 3_609_375)]        // v3 at 1 s equals v2
    [InlineData(100, 10, 60_937.5, 360_937.5)]
    [InlineData(100, 5, 30_468.75, 180_468.75)]
    [InlineData(100, 1, 6_093.75, 36_093.75)]         // the minimum interval, 0.01 s
    [InlineData(200, 100, 218_750, 3_218_750)]        // FRR's centisecond truncation would show 210 ms
    [InlineData(254, 1, 78.125, 30_078.125)]          // 0.78 cs: vanishes under centisecond truncation
    public void V3_SkewScalesWithTheMasterAdverInterval(byte priority, int centiseconds, double skewUs, double downUs)
    {
        var interval = Centiseconds(centiseconds);

        AssertWithinOneTick(skewUs, VrrpTimers.SkewTime(VrrpVersion.V3, priority, interval));
        AssertWithinOneTick(downUs, VrrpTimers.MasterDownInterval(VrrpVersion.V3, priority, interval));
    }

    [Fact]
    public void WorkedValues_AreExactToTheTick()
    {
        Assert.Equal(TimeSpan.FromTicks(36_093_750), VrrpTimers.MasterDownInterval(VrrpVersion.V2, 100, TimeSpan.FromSeconds(1)));
        // 180.46875 ms is 1_804_687.5 ticks: the half tick below 100 ns is truncated.
        Assert.Equal(TimeSpan.FromTicks(1_804_687), VrrpTimers.MasterDownInterval(VrrpVersion.V3, 100, Centiseconds(5)));
        Assert.Equal(TimeSpan.FromTicks(360_937), VrrpTimers.MasterDownInterval(VrrpVersion.V3, 100, Centiseconds(1)));
    }

    [Fact]
    public void MasterDownInterval_CountsDownTimerAdverts()
    {
        var down = VrrpTimers.MasterDownInterval(VrrpVersion.V3, 100, Centiseconds(100), downTimerAdverts: 5);

        Assert.Equal(TimeSpan.FromSeconds(5) + Microseconds(609_375), down);
    }

    [Fact]
    public void MasterDownInterval_RejectsZeroDownTimerAdverts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VrrpTimers.MasterDownInterval(VrrpVersion.V3, 100, Centiseconds(100), 0));
    }

    /// <summary>The exact value (in µs, possibly fractional) lies within the 100 ns tick the TimeSpan holds.</summary>
    internal static void AssertWithinOneTick(double expectedMicroseconds, TimeSpan actual)
    {
        double actualMicroseconds = actual.Ticks / 10.0;
        Assert.InRange(expectedMicroseconds - actualMicroseconds, 0, 0.0999);
    }
}
