using Vrrpd.Ownership;

namespace Vrrpd.Tests.Ownership;

/// <summary>The ownership state machine (docs/design/ownership.md §3, §4), on virtual time.</summary>
public class OwnershipClaimTests
{
    private const long Lease = 0x1234;
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(9);   // keepalive every 3 s, margin 1 s
    private readonly FakeTimeProvider time = new();
    private readonly OwnershipRecorder ports = new();
    private readonly OwnershipClaim claim;

    public OwnershipClaimTests() => claim = new OwnershipClaim("/vrrpd/instance/VI_1", "gpu-a", new OwnershipTiming(Ttl), time, ports);

    private DateTimeOffset Start => new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    /// <summary>Started, lease granted at t=0 (answered at once), acquire answered with this token.</summary>
    private void Held(long token = 42)
    {
        claim.Start();
        claim.OnLeaseGranted(Lease, Ttl);
        Assert.False(claim.WantHeld());
        Assert.Equal(["watch", "grant 9", $"acquire {Lease}"], ports.Take());
        claim.OnAcquired(token);
        Assert.Equal(OwnershipState.Held, claim.State);
    }

    [Fact]
    public void Timing_FollowsTheTtl()
    {
        var timing = new OwnershipTiming(TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(5) / 3, timing.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), timing.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), new OwnershipTiming(TimeSpan.FromSeconds(60)).RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), timing.SafetyMargin);
        Assert.Throws<ArgumentOutOfRangeException>(() => new OwnershipTiming(TimeSpan.FromMilliseconds(5500)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OwnershipTiming(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Start_GrantsALease_AndWatches_ButHoldsNothing()
    {
        claim.Start();

        Assert.Equal(["watch", "grant 9"], ports.Take());
        Assert.Equal(OwnershipState.Released, claim.State);
        Assert.False(claim.MayHoldAddresses);
        Assert.Throws<InvalidOperationException>(claim.Start);
    }

    [Fact]
    public void WantHeld_BeforeTheLease_WaitsForIt_ThenAcquires()
    {
        claim.Start();
        ports.Take();

        Assert.False(claim.WantHeld());
        Assert.Equal(OwnershipState.Acquiring, claim.State);
        Assert.Empty(ports.Take());

        claim.OnLeaseGranted(Lease, Ttl);
        Assert.Equal([$"acquire {Lease}"], ports.Take());
        Assert.False(claim.MayHoldAddresses);

        claim.OnAcquired(42);
        Assert.True(claim.MayHoldAddresses);
        Assert.Equal(42, claim.FencingToken);
        OwnershipTransition last = ports.Transitions[^1];
        Assert.Equal((OwnershipState.Acquiring, OwnershipState.Held, true, 42L, "acquired (fencing token 42)"),
            (last.From, last.To, last.MayHoldAddresses, last.FencingToken, last.Reason));
    }

    [Fact]
    public void WantHeld_WhenAlreadyHeld_ReturnsTrue_AndSendsNothing()
    {
        Held();

        Assert.True(claim.WantHeld());
        Assert.Empty(ports.Take());
    }

    [Fact]
    public void HeldByOther_NeverHolds_UntilTheKeyIsFree_ThenAcquiresAtOnce()
    {
        claim.Start();
        claim.OnLeaseGranted(Lease, Ttl);
        claim.WantHeld();
        ports.Take();

        claim.OnHeldByOther(new KeyHolder("gpu-b", 40, 40, 0x999));
        Assert.Equal(OwnershipState.HeldByOther, claim.State);
        Assert.False(claim.MayHoldAddresses);
        Assert.Equal("gpu-b", claim.OtherHolder!.Holder);

        // The other's key still there at a later revision: still nothing.
        claim.OnKeyObserved(new KeyObservation(41, new KeyHolder("gpu-b", 40, 41, 0x999)));
        Assert.Empty(ports.Take());
        Assert.False(claim.MayHoldAddresses);

        // Deleted (released or its lease expired): acquire now, not at the next recheck.
        time.Advance(Ms(50));
        claim.OnKeyObserved(new KeyObservation(43, null));
        Assert.Equal([$"acquire {Lease}"], ports.Take());
        Assert.Equal(OwnershipState.Acquiring, claim.State);
        claim.OnAcquired(44);
        Assert.True(claim.MayHoldAddresses);
        Assert.Equal(44, claim.FencingToken);
        Assert.Null(claim.OtherHolder);
    }

    [Fact]
    public void HeldByOther_IsAskedAgainEveryKeepAliveInterval_InCaseTheWatchMissedTheDelete()
    {
        claim.Start();
        claim.OnLeaseGranted(Lease, Ttl);
        claim.WantHeld();
        ports.Take();
        claim.OnHeldByOther(new KeyHolder("gpu-b", 40, 40, 0x999));

        time.Advance(TimeSpan.FromSeconds(3) - Ms(1));
        Assert.DoesNotContain($"acquire {Lease}", ports.Take());
        time.Advance(Ms(1));
        Assert.Contains($"acquire {Lease}", ports.Take());
    }

    [Fact]
    public void HeldByOther_WhileWanted_IsReadEveryPollInterval_AndAFreeKeyIsAcquiredAtOnce()
    {
        // The silent-loss case: the watch sits on the member cut off with the old holder and never shows the delete.
        claim.Start();
        claim.OnLeaseGranted(Lease, Ttl);
        claim.WantHeld();
        ports.Take();
        claim.OnHeldByOther(new KeyHolder("gpu-b", 40, 40, 0x999));

        time.Advance(Ms(99));
        Assert.Empty(ports.Take());
        time.Advance(Ms(1));
        Assert.Equal(["read"], ports.Take());

        // One read at a time: no second read while the first is unanswered.
        time.Advance(Ms(500));
        Assert.Empty(ports.Take());
        claim.OnKeyRead(new KeyObservation(41, new KeyHolder("gpu-b", 40, 41, 0x999)));
        Assert.Equal(OwnershipState.HeldByOther, claim.State);
        Assert.Empty(ports.Take());
        time.Advance(Ms(100));
        Assert.Equal(["read"], ports.Take());

        // The old holder's lease expired in etcd: the read sees the key gone, the compare-and-swap goes at once.
        claim.OnKeyRead(new KeyObservation(45, null));
        Assert.Equal([$"acquire {Lease}"], ports.Take());
        Assert.False(claim.MayHoldAddresses);
        claim.OnAcquired(46);
        Assert.True(claim.MayHoldAddresses);

        // Held: no more reads.
        time.Advance(Ms(1000));
        Assert.DoesNotContain("read", ports.Take());
    }

    [Fact]
    public void HeldByOther_WhenNotWanted_IsNotRead()
    {
        claim.Start();
        claim.OnLeaseGranted(Lease, Ttl);
        ports.Take();
        claim.OnKeyObserved(new KeyObservation(40, new KeyHolder("gpu-b", 40, 40, 0x999)));

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("read", ports.Take());

        // VRRP wants Master (the acquire answers "held by gpu-b"); VRRP gives up again: the reads stop.
        claim.WantHeld();
        claim.OnHeldByOther(new KeyHolder("gpu-b", 40, 40, 0x999));
        time.Advance(Ms(100));
        Assert.Contains("read", ports.Take());
        claim.Release();
        claim.OnKeyRead(new KeyObservation(41, new KeyHolder("gpu-b", 40, 41, 0x999)));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain("read", ports.Take());
    }

    [Fact]
    public void UnansweredRead_ShowsUnreachable_AndIsTriedAgain()
    {
        claim.Start();
        claim.OnLeaseGranted(Lease, Ttl);
        claim.WantHeld();
        claim.OnHeldByOther(new KeyHolder("gpu-b", 40, 40, 0x999));
        time.Advance(Ms(100));
        Assert.Contains("read", ports.Take());

        claim.OnKeyReadFailed("no endpoint answered");
        Assert.Equal(OwnershipState.Unreachable, claim.State);
        Assert.False(claim.MayHoldAddresses);

        time.Advance(Ms(100));
        Assert.Equal(["read"], ports.Take());
        claim.OnKeyRead(new KeyObservation(41, new KeyHolder("gpu-b", 40, 41, 0x999)));
        Assert.Equal(OwnershipState.HeldByOther, claim.State);
    }

    [Fact]
    public void HeldByOther_UnderOurOwnLease_IsOurs()
    {
        claim.Start();
        claim.OnLeaseGranted(Lease, Ttl);
        claim.WantHeld();

        claim.OnHeldByOther(new KeyHolder("gpu-a", 40, 40, Lease));

        Assert.True(claim.MayHoldAddresses);
        Assert.Equal(40, claim.FencingToken);
    }

    [Fact]
    public void KeepAlives_GoEveryThirdOfTheTtl_FromTheirSendTime()
    {
        Held();

        time.Advance(TimeSpan.FromSeconds(3) - Ms(1));
        Assert.Empty(ports.Take());
        time.Advance(Ms(1));
        Assert.Equal([$"keepalive {Lease}"], ports.Take());

        // Answered 700 ms later: the next one is still due 3 s after this one was sent.
        time.Advance(Ms(700));
        claim.OnKeepAliveAnswered(Ttl);
        time.Advance(TimeSpan.FromSeconds(3) - Ms(701));
        Assert.Empty(ports.Take());
        time.Advance(Ms(1));
        Assert.Equal([$"keepalive {Lease}"], ports.Take());
    }

    [Fact]
    public void HoldDeadline_IsTheSendTimeOfTheGrant_PlusTtl_MinusMargin_NotTheAnswerTime()
    {
        claim.Start();
        claim.WantHeld();
        time.Advance(Ms(900));                 // the grant's answer takes 900 ms
        claim.OnLeaseGranted(Lease, Ttl);
        claim.OnAcquired(42);

        // Deadline: 0 + 9 s - 1 s = 8 s after the grant was sent, whatever the answer time.
        Assert.Equal(Start + TimeSpan.FromSeconds(8), claim.HoldDeadline);
    }

    [Fact]
    public void Unanswered_KeepAlives_KeepTheAddresses_UntilTheDeadline_ThenWithdraw()
    {
        Held();

        // Every keepalive fails: the first at 3 s, retried every 250 ms after each failure.
        for (int i = 0; i < 40 && time.GetUtcNow() < Start + TimeSpan.FromSeconds(8) - Ms(300); i++)
        {
            time.Advance(Ms(250));
            if (ports.Take().Contains($"keepalive {Lease}"))
            {
                claim.OnLeaseRequestFailed("connection refused");
            }
        }

        Assert.True(claim.MayHoldAddresses);
        Assert.False(claim.EtcdReachable);
        Assert.Equal("connection refused", claim.LastError);
        time.Advance(Start + TimeSpan.FromSeconds(8) - Ms(1) - time.GetUtcNow());
        Assert.True(claim.MayHoldAddresses);

        time.Advance(Ms(1));
        Assert.False(claim.MayHoldAddresses);
        Assert.Equal(OwnershipState.Unreachable, claim.State);
        OwnershipTransition lost = ports.Transitions[^1];
        Assert.Equal((OwnershipState.Held, OwnershipState.Unreachable, false, 42L), (lost.From, lost.To, lost.MayHoldAddresses, lost.FencingToken));
        Assert.Equal("lease not renewed in time (last error: connection refused)", lost.Reason);
        Assert.Equal(Start + TimeSpan.FromSeconds(8), lost.At);
    }

    [Fact]
    public void AnsweredKeepAlive_MovesTheDeadline_ToItsSendTimePlusTtl()
    {
        Held();
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal([$"keepalive {Lease}"], ports.Take());

        time.Advance(Ms(1500));                // a slow answer
        claim.OnKeepAliveAnswered(Ttl);

        Assert.Equal(Start + TimeSpan.FromSeconds(3 + 9 - 1), claim.HoldDeadline);
    }

    [Fact]
    public void AnsweredKeepAlive_WithAShorterTtl_ShortensTheDeadline()
    {
        Held();
        time.Advance(TimeSpan.FromSeconds(3));
        ports.Take();

        claim.OnKeepAliveAnswered(TimeSpan.FromSeconds(4));

        Assert.Equal(Start + TimeSpan.FromSeconds(3 + 4 - 1), claim.HoldDeadline);
    }

    [Fact]
    public void AfterWithdrawing_AnAnsweredKeepAlive_ReacquiresTheSameKey_WithoutRestart()
    {
        Held();
        time.Advance(TimeSpan.FromSeconds(3));
        claim.OnLeaseRequestFailed("timeout");
        time.Advance(TimeSpan.FromSeconds(5));   // retries fail silently: no answer yet
        claim.OnLeaseRequestFailed("timeout");
        Assert.False(claim.MayHoldAddresses);
        ports.Take();

        // etcd is back and the lease is still alive there (only our answers were lost).
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([$"keepalive {Lease}"], ports.Take());
        claim.OnKeepAliveAnswered(TimeSpan.FromSeconds(2));
        Assert.Equal([$"acquire {Lease}"], ports.Take());
        Assert.Equal(OwnershipState.Acquiring, claim.State);
        Assert.True(claim.EtcdReachable);

        claim.OnAcquired(42);
        Assert.True(claim.MayHoldAddresses);
        Assert.Equal(42, claim.FencingToken);
    }

    [Fact]
    public void AcquireAnswered_AfterTheLeasePassedItsDeadline_DoesNotHold()
    {
        claim.Start();
        claim.OnLeaseGranted(Lease, Ttl);
        time.Advance(TimeSpan.FromSeconds(3));
        claim.OnLeaseRequestFailed("timeout");       // keepalive at 3 s unanswered
        ports.Take();
        time.Advance(TimeSpan.FromSeconds(4.5));     // 7.5 s: 0.5 s before the deadline
        claim.WantHeld();
        Assert.Contains($"acquire {Lease}", ports.Take());

        time.Advance(Ms(600));                        // answered at 8.1 s
        claim.OnAcquired(42);

        Assert.False(claim.MayHoldAddresses);
        Assert.Equal(OwnershipState.Acquiring, claim.State);   // etcd answered; the lease is what is missing
    }

    [Fact]
    public void LeaseGone_WhileHeld_LosesAtOnce_AndGrantsANewLease()
    {
        Held();
        time.Advance(TimeSpan.FromSeconds(3));
        ports.Take();

        claim.OnKeepAliveAnswered(TimeSpan.Zero);

        Assert.False(claim.MayHoldAddresses);
        Assert.Equal("lease 1234 expired in etcd", ports.Transitions[^1].Reason);
        Assert.Equal(["grant 9"], ports.Take());
        Assert.Null(claim.LeaseId);

        claim.OnLeaseGranted(0x5678, Ttl);
        Assert.Equal(["acquire 22136"], ports.Take());
    }

    [Fact]
    public void Release_WhileHeld_StopsHoldingAtOnce_AndDeletesTheKey()
    {
        Held();

        claim.Release();

        Assert.False(claim.MayHoldAddresses);
        Assert.Equal(OwnershipState.Released, claim.State);
        Assert.Equal([$"release {Lease}"], ports.Take());
        Assert.Equal("released by VRRP", ports.Transitions[^1].Reason);
        Assert.Equal(42, ports.Transitions[^1].FencingToken);

        claim.OnReleased();
        Assert.Empty(ports.Take());
        // The lease stays alive for the next acquisition.
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal([$"keepalive {Lease}"], ports.Take());
    }

    [Fact]
    public void Release_WhileTheAcquireIsInFlight_ReleasesWhenItLands()
    {
        claim.Start();
        claim.OnLeaseGranted(Lease, Ttl);
        claim.WantHeld();
        ports.Take();

        claim.Release();
        Assert.Empty(ports.Take());
        claim.OnAcquired(42);

        Assert.False(claim.MayHoldAddresses);
        Assert.Equal([$"release {Lease}"], ports.Take());
    }

    [Fact]
    public void UnansweredAcquire_ThenRelease_StillDeletesTheKeyIfItIsOurs()
    {
        claim.Start();
        claim.OnLeaseGranted(Lease, Ttl);
        claim.WantHeld();
        ports.Take();
        claim.OnKeyRequestFailed("timeout");   // the put may have happened

        claim.Release();
        time.Advance(Ms(250));

        Assert.Equal([$"release {Lease}"], ports.Take());
    }

    [Fact]
    public void UnansweredRelease_IsRetried_UntilAnswered()
    {
        Held();
        claim.Release();
        ports.Take();

        claim.OnKeyRequestFailed("connection refused");
        Assert.Equal(OwnershipState.Unreachable, claim.State);
        time.Advance(Ms(250));
        Assert.Equal([$"release {Lease}"], ports.Take());
        claim.OnReleased();
        Assert.Equal(OwnershipState.Released, claim.State);
    }

    [Fact]
    public void Watch_SeesTheKeyDeleted_WhileHeld_LosesAtOnce()
    {
        Held();

        claim.OnKeyObserved(new KeyObservation(50, null));

        Assert.False(claim.MayHoldAddresses);
        Assert.Equal("key deleted at revision 50", ports.Transitions[^1].Reason);
        // Still wanted: try again (the compare-and-swap decides).
        Assert.Equal([$"acquire {Lease}"], ports.Take());
    }

    [Fact]
    public void Watch_SeesAnotherHolder_WhileHeld_LosesAtOnce()
    {
        Held();

        claim.OnKeyObserved(new KeyObservation(51, new KeyHolder("gpu-b", 51, 51, 0x999)));

        Assert.False(claim.MayHoldAddresses);
        Assert.Equal("key taken by gpu-b (fencing token 51)", ports.Transitions[^1].Reason);
        Assert.Equal("gpu-b", claim.OtherHolder!.Holder);
    }

    [Fact]
    public void Watch_OlderThanTheAcquisition_OrShowingOurKey_KeepsIt()
    {
        Held(42);

        claim.OnKeyObserved(new KeyObservation(41, null));                          // the previous holder's delete
        claim.OnKeyObserved(new KeyObservation(42, new KeyHolder("gpu-a", 42, 42, Lease)));
        claim.OnKeyObserved(new KeyObservation(30, null));                          // older than one already seen

        Assert.True(claim.MayHoldAddresses);
        Assert.Empty(ports.Take());
    }

    [Fact]
    public void Watch_ShowedTheKeyGone_BeforeTheAcquireAnswer_TheAnswerDoesNotHold()
    {
        claim.Start();
        claim.OnLeaseGranted(Lease, Ttl);
        claim.WantHeld();
        ports.Take();

        claim.OnKeyObserved(new KeyObservation(42, new KeyHolder("gpu-a", 42, 42, Lease)));
        claim.OnKeyObserved(new KeyObservation(45, null));
        claim.OnAcquired(42);

        Assert.False(claim.MayHoldAddresses);
        time.Advance(Ms(250));
        Assert.Equal([$"acquire {Lease}"], ports.Take());
    }

    [Fact]
    public void Watch_NeverGrantsOwnership_ByItself()
    {
        claim.Start();
        claim.OnLeaseGranted(Lease, Ttl);
        claim.WantHeld();
        ports.Take();
        claim.OnKeyRequestFailed("timeout");

        claim.OnKeyObserved(new KeyObservation(42, new KeyHolder("gpu-a", 42, 42, Lease)));

        Assert.False(claim.MayHoldAddresses);
        time.Advance(Ms(250));
        Assert.Equal([$"acquire {Lease}"], ports.Take());
        claim.OnAcquired(42);
        Assert.True(claim.MayHoldAddresses);
    }

    [Fact]
    public void Unreachable_IsShown_WhileNotHeld_AndClearsOnTheNextAnswer()
    {
        claim.Start();
        ports.Take();

        claim.OnLeaseRequestFailed("connect to http://192.0.2.1:2379/: connection refused");
        Assert.Equal(OwnershipState.Unreachable, claim.State);
        Assert.False(claim.EtcdReachable);

        time.Advance(Ms(250));
        Assert.Equal(["grant 9"], ports.Take());
        claim.OnLeaseGranted(Lease, Ttl);
        Assert.Equal(OwnershipState.Released, claim.State);
        Assert.True(claim.EtcdReachable);
    }

    [Fact]
    public void Stop_WhileHeld_StopsHolding_AndRevokesTheLease()
    {
        Held();

        claim.Stop();

        Assert.False(claim.MayHoldAddresses);
        Assert.Equal(OwnershipState.Released, claim.State);
        Assert.Equal([$"revoke {Lease}"], ports.Take());
        claim.OnLeaseRevoked();
        Assert.Null(claim.LeaseId);
        Assert.False(claim.WantHeld());
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(ports.Take());
        Assert.Equal(0, time.ActiveTimerCount);
    }

    [Fact]
    public void Stop_WhileTheGrantIsInFlight_RevokesTheLeaseWhenItIsGranted()
    {
        claim.Start();
        ports.Take();

        claim.Stop();
        claim.OnLeaseGranted(Lease, Ttl);

        Assert.Equal([$"revoke {Lease}"], ports.Take());
    }

    [Fact]
    public void Stop_WhileAKeepAliveIsInFlight_RevokesWhenItIsAnswered()
    {
        Held();
        time.Advance(TimeSpan.FromSeconds(3));
        ports.Take();

        claim.Stop();
        Assert.Empty(ports.Take());
        claim.OnKeepAliveAnswered(Ttl);

        Assert.Equal([$"revoke {Lease}"], ports.Take());
    }

    [Fact]
    public void AnswersNobodyAskedFor_AreIgnored()
    {
        claim.Start();
        ports.Take();

        claim.OnAcquired(42);
        claim.OnKeepAliveAnswered(Ttl);
        claim.OnReleased();
        claim.OnHeldByOther(new KeyHolder("gpu-b", 1, 1, 1));

        Assert.False(claim.MayHoldAddresses);
        Assert.Null(claim.OtherHolder);
        Assert.Empty(ports.Take());
    }

    [Fact]
    public void Transitions_AreReportedOncePerChange_WithTheTokenOnTheLosingOne()
    {
        Held(42);
        claim.Release();
        claim.OnReleased();
        claim.WantHeld();
        claim.OnAcquired(60);

        Assert.Equal(
            [(OwnershipState.Released, OwnershipState.Acquiring, (long?)null),
             (OwnershipState.Acquiring, OwnershipState.Held, 42),
             (OwnershipState.Held, OwnershipState.Released, 42),
             (OwnershipState.Released, OwnershipState.Acquiring, 42),
             (OwnershipState.Acquiring, OwnershipState.Held, 60)],
            ports.Transitions.Select(t => (t.From, t.To, t.FencingToken)));
    }
}
