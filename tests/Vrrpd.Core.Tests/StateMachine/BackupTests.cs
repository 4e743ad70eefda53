using Vrrpd.StateMachine;
using static Vrrpd.Tests.StateMachine.RouterHarness;

namespace Vrrpd.Tests.StateMachine;

public class BackupTests
{
    [Fact]
    public void Backup_ReceivesPriorityZero_TakesOverAfterExactlySkewTime()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        h.Receive("192.0.2.1", 150);
        h.Advance(TimeSpan.FromSeconds(1));

        h.Receive("192.0.2.1", 0);
        h.Advance(Microseconds(609_374));
        Assert.Equal(VrrpState.Backup, h.Router.State);
        h.Advance(Microseconds(1));

        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Equal(TimeSpan.FromSeconds(2) + Microseconds(609_375), h.Ports.AdvertTimes(100).Single());
        Assert.Equal("priority 0 from 192.0.2.1 (master stopped)", h.Router.LastTransition!.Reason);
    }

    [Fact]
    public void V3Backup_ReceivesPriorityZero_TakesOverAfterTheSkewOfTheLearnedInterval()
    {
        var h = new RouterHarness(V3(priority: 100, intervalCentiseconds: 100));
        h.Router.Start();
        h.Receive("192.0.2.1", 150, Centiseconds(5));

        h.Receive("192.0.2.1", 0, Centiseconds(5));
        h.Advance(TimeSpan.FromTicks(304_686));
        Assert.Equal(VrrpState.Backup, h.Router.State);
        h.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(VrrpState.Master, h.Router.State);   // skew 30.46875 ms: 5 cs * 156 / 256
    }

    [Fact]
    public void Backup_HigherPriorityAdverts_ResetTheDownTimer()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();

        for (int second = 1; second <= 10; second++)
        {
            h.AdvanceTo(TimeSpan.FromSeconds(second));
            h.Receive("192.0.2.1", 150);
        }

        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.Equal(h.Start + TimeSpan.FromSeconds(10) + Microseconds(3_609_375), h.Router.MasterDownTimerDueAt);
        Assert.Equal(System.Net.IPAddress.Parse("192.0.2.1"), h.Router.MasterAddress);
    }

    [Fact]
    public void Backup_EqualPriorityAdverts_ResetTheDownTimer()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Advance(TimeSpan.FromSeconds(3));

        h.Receive("192.0.2.1", 100);   // lower address, but §6.4.2 accepts priority >= local in Backup

        Assert.Equal(h.Start + TimeSpan.FromSeconds(3) + Microseconds(3_609_375), h.Router.MasterDownTimerDueAt);
    }

    [Fact]
    public void Backup_LowerPriorityWithPreempt_DiscardsAndTakesOverOneDownIntervalAfterTheLastAcceptedAdvert()
    {
        // keepalived measured: a Master dropping below the Backup is replaced 3.61 s after its last higher advert.
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.AdvanceTo(TimeSpan.FromSeconds(1));
        h.Receive("192.0.2.1", 150);                       // last accepted advert at t = 1 s

        for (int second = 2; second <= 4; second++)
        {
            h.AdvanceTo(TimeSpan.FromSeconds(second));
            h.Receive("192.0.2.1", 90);                    // lower: discarded, the timer keeps running
        }
        h.AdvanceTo(TimeSpan.FromSeconds(5));

        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Equal(TimeSpan.FromSeconds(1) + Microseconds(3_609_375), h.Ports.AdvertTimes(100).First());
    }

    [Fact]
    public void Backup_LowerPriorityWithoutPreempt_AcceptsAndStaysBackup()
    {
        var h = new RouterHarness(V2(priority: 200, preempt: false));
        h.Router.Start();

        for (int second = 1; second <= 20; second++)
        {
            h.AdvanceTo(TimeSpan.FromSeconds(second));
            h.Receive("192.0.2.1", 100);
        }

        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.Empty(h.Ports.AdvertTimes());
    }

    [Fact]
    public void Backup_PreemptDelay_AcceptsALowerMasterUntilTheDelayHasPassedSinceItsFirstAdvert()
    {
        // preempt_delay 10 s, local 150, the running Master advertises 100 every second from t = 1 s.
        var h = new RouterHarness(V2(priority: 150, preemptDelay: TimeSpan.FromSeconds(10)));
        h.Router.Start();

        for (int second = 1; second <= 20 && h.Router.State == VrrpState.Backup; second++)
        {
            h.AdvanceTo(TimeSpan.FromSeconds(second));
            h.Receive("192.0.2.1", 100);
        }
        h.AdvanceTo(TimeSpan.FromSeconds(20));

        // Accepted at 1..10 s (first + 9 s < 10 s), discarded from 11 s: takeover at 10 s + 3.4140625 s.
        Assert.Equal(VrrpState.Master, h.Router.State);
        Assert.Equal(TimeSpan.FromSeconds(10) + TimeSpan.FromTicks(34_140_625), h.Ports.AdvertTimes(150).First());
    }

    [Fact]
    public void Backup_PreemptDelay_RestartsAfterAHigherPriorityMasterWasAccepted()
    {
        var h = new RouterHarness(V2(priority: 150, preemptDelay: TimeSpan.FromSeconds(5)));
        h.Router.Start();
        h.AdvanceTo(TimeSpan.FromSeconds(1));
        h.Receive("192.0.2.1", 100);                       // first lower advert: the delay starts
        h.AdvanceTo(TimeSpan.FromSeconds(2));
        h.Receive("192.0.2.1", 200);                       // a higher Master: the delay is forgotten
        for (int second = 3; second <= 9; second++)
        {
            h.AdvanceTo(TimeSpan.FromSeconds(second));     // the delay starts again at 3 s: accepted up to 7 s
            h.Receive("192.0.2.1", 100);
        }

        Assert.Equal(VrrpState.Backup, h.Router.State);
        Assert.Equal(h.Start + TimeSpan.FromSeconds(7) + TimeSpan.FromTicks(34_140_625), h.Router.MasterDownTimerDueAt);
    }

    [Fact]
    public void V3Backup_LearnsMasterAdverIntervalFromEachAcceptedAdvert_AndRecomputesSkew()
    {
        var h = new RouterHarness(V3(priority: 100, intervalCentiseconds: 100));
        h.Router.Start();

        h.Receive("192.0.2.1", 150, Centiseconds(5));

        Assert.Equal(Centiseconds(5), h.Router.MasterAdverInterval);
        Assert.Equal(TimeSpan.FromTicks(304_687), h.Router.SkewTime);   // RFC 9568 recomputes Skew_Time (5798 erratum)
        Assert.Equal(TimeSpan.FromTicks(1_804_687), h.Router.MasterDownInterval);
        h.Advance(TimeSpan.FromTicks(1_804_687));
        Assert.Equal(VrrpState.Master, h.Router.State);
    }

    [Fact]
    public void V2Backup_TimesOnItsOwnInterval_WhateverTheAdvertSays()
    {
        var h = new RouterHarness(V2(priority: 100, intervalSeconds: 2));
        h.Router.Start();

        h.Receive("192.0.2.1", 150, TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(2), h.Router.MasterAdverInterval);
        Assert.Equal(h.Start + Microseconds(6_609_375), h.Router.MasterDownTimerDueAt);
    }

    [Fact]
    public void Backup_AfterPriorityZero_AHigherAdvertRestoresTheFullDownInterval()
    {
        var h = new RouterHarness(V2(priority: 100));
        h.Router.Start();
        h.Receive("192.0.2.1", 0);
        h.Advance(TimeSpan.FromMilliseconds(300));

        h.Receive("192.0.2.2", 150);

        Assert.Equal(h.Start + TimeSpan.FromMilliseconds(300) + Microseconds(3_609_375), h.Router.MasterDownTimerDueAt);
    }
}
