using Vrrpd.Protocol;
using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

/// <summary>
/// A Master answers priority 0 with an advert (RFC 5798 / 9568 §6.4.3), paced so that a flood of priority 0 is not
/// answered packet for packet, while every priority 0 is still answered within half the shortest Skew_Time a Backup
/// can have (docs/design/vrrp-protocol.md §9).
/// </summary>
public class PriorityZeroFloodTests
{
    [Theory]
    [InlineData(VrrpVersion.V3, 100, 1_000_000.0 / 256)]   // v3 at 1 s: 3.90625 ms
    [InlineData(VrrpVersion.V3, 1, 10_000.0 / 256)]        // v3 at 0.01 s: 39.0625 µs
    [InlineData(VrrpVersion.V2, 100, 1_000_000.0 / 256)]   // v2: Skew_Time is in seconds whatever the interval
    [InlineData(VrrpVersion.V2, 300, 1_000_000.0 / 256)]
    public void PacingPeriod_IsHalfTheSkewTimeOfAPriority254Backup(VrrpVersion version, int intervalCentiseconds, double expectedMicroseconds)
    {
        var period = PriorityZeroAnswerPacing.Period(version, Centiseconds(intervalCentiseconds));

        Assert.Equal(expectedMicroseconds, period.TotalMicroseconds, precision: 1);
        var skew254 = (version == VrrpVersion.V3 ? Centiseconds(intervalCentiseconds) : TimeSpan.FromSeconds(1)) * (256 - 254) / 256;
        Assert.InRange((period - skew254 / 2).Duration().Ticks, 0, 1);   // equal but for rounding to 100 ns
    }

    [Fact]
    public void Master_FloodOfPriorityZero_IsAnsweredOncePerPacingPeriod_NotOncePerPacket()
    {
        var h = new RouterHarness(V3(priority: 200)).StartAsMaster();
        h.Advance(TimeSpan.FromMilliseconds(400));
        var floodStart = h.Elapsed;

        // 1,000 priority-0 adverts 100 µs apart: 10,000 per second for 100 ms.
        for (int i = 0; i < 1000; i++)
        {
            h.Receive("192.0.2.66", 0);
            h.Advance(Microseconds(100));
        }

        var period = PriorityZeroAnswerPacing.Period(VrrpVersion.V3, Centiseconds(100));
        var answers = h.Ports.AdvertTimes(200).Where(t => t >= floodStart).ToArray();
        int mostExpected = (int)(TimeSpan.FromMilliseconds(100) / period) + 2;
        Assert.InRange(answers.Length, mostExpected - 3, mostExpected);   // 26 or so, against 1,000 packets
        Assert.Equal(floodStart, answers[0]);                              // the first at once, as the RFC says
        Assert.All(answers.Zip(answers.Skip(1)), pair => Assert.True(pair.Second - pair.First >= period, $"{pair.First} then {pair.Second}"));
        Assert.Equal(VrrpState.Master, h.Router.State);
    }

    [Fact]
    public void Master_FloodOfPriorityZero_AnswersEachWithinHalfTheShortestBackupSkewTime()
    {
        var h = new RouterHarness(V3(priority: 200, intervalCentiseconds: 10)).StartAsMaster();
        var period = PriorityZeroAnswerPacing.Period(VrrpVersion.V3, Centiseconds(10));
        var heard = new List<TimeSpan>();

        // Irregular arrivals (0.39 ms period): mostly closer together than the period, some farther apart, across
        // periodic adverts (every 100 ms).
        var random = new Random(5798);
        for (int i = 0; i < 2000; i++)
        {
            heard.Add(h.Elapsed);
            h.Receive("192.0.2.66", 0);
            h.Advance(Microseconds(random.Next(8) == 0 ? random.Next(400, 1500) : random.Next(1, 200)));
        }
        h.Advance(TimeSpan.FromMilliseconds(200));

        var adverts = h.Ports.AdvertTimes(200);
        foreach (var at in heard)
        {
            var answer = adverts.First(t => t >= at);
            Assert.True(answer - at <= period, $"priority 0 at {at} answered at {answer}, {answer - at} later (period {period})");
        }
        Assert.True(adverts.Length < heard.Count / 2, $"{adverts.Length} adverts for {heard.Count} priority-0 packets");
    }

    [Fact]
    public void Master_PriorityZeroRightAfterAnAdvert_IsAnsweredAtTheEndOfThePeriod_ThenTheIntervalRunsFromThere()
    {
        var h = new RouterHarness(V3(priority: 200)).StartAsMaster();
        h.Advance(TimeSpan.FromMilliseconds(400));
        h.Receive("192.0.2.66", 0);                       // answered at once (400 ms since the last advert)
        var answeredAt = h.Elapsed;
        h.Advance(TimeSpan.FromMilliseconds(1));
        h.Receive("192.0.2.66", 0);                       // 1 ms later: within the period

        var period = PriorityZeroAnswerPacing.Period(VrrpVersion.V3, Centiseconds(100));
        h.Advance(TimeSpan.FromSeconds(1.1));

        Assert.Equal([answeredAt, answeredAt + period, answeredAt + period + TimeSpan.FromSeconds(1)], h.Ports.AdvertTimes(200));
    }

    [Fact]
    public void Backup_StaysBackupThroughAFloodOfPriorityZero_WhileTheMasterAnswersThem()
    {
        // Each priority 0 sets a Backup's Master_Down_Timer to Skew_Time (§6.4.2); the Master's paced answers must
        // reach it before that runs out, even for the most eager Backup (priority 254, Skew_Time 2/256 interval).
        var master = new RouterHarness(V3(priority: 200)).StartAsMaster();
        var backup = new RouterHarness(V3(priority: 254, preempt: false), master.Time);
        backup.Router.Start();
        backup.Receive("192.0.2.10", 200);

        var delivered = 0;
        for (int i = 0; i < 20_000; i++)
        {
            // The flooder's packet reaches both; whatever the Master sent since reaches the Backup.
            master.Receive("192.0.2.66", 0);
            backup.Receive("192.0.2.66", 0);
            master.Advance(Microseconds(250));
            var sent = master.Ports.AdvertTimes(200);
            for (; delivered < sent.Length; delivered++) backup.Receive("192.0.2.10", 200);
        }

        Assert.Equal(VrrpState.Backup, backup.Router.State);
        Assert.Equal(VrrpState.Master, master.Router.State);
        Assert.InRange(master.Ports.AdvertTimes(200).Length, 1, 20_000 / 10);
    }
}
