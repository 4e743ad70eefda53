using Vrrpd.Configuration;

namespace Vrrpd.Health;

/// <summary>
/// One tracker's rise/fall state, exactly as keepalived counts a tracked script (vrrp_scheduler.c
/// process_script_update_priority), shared by every tracker kind. Pure: results and the time come in, the
/// state goes out; <see cref="TrackerRunner"/> does the polling.
/// </summary>
/// <remarks>
/// The counter lives in [0, rise+fall−1] and the tracker is OK while it is ≥ rise:
/// <code>
///   success:  counter &lt; rise−1  → counter+1                 (still failed)
///             counter = rise−1  → counter = rise+fall−1      (now OK)
///             counter ≥ rise    → counter = rise+fall−1      (stays OK, full credit again)
///   failure:  counter &gt; rise    → counter−1                 (still OK)
///             counter ≤ rise    → counter = 0                (now failed, or stays failed)
/// </code>
/// It starts at rise−1, so the first result decides either way; <c>init_fail</c> starts it at 0 and failed,
/// so <c>rise</c> successes are needed. A <see cref="CheckOutcome.Fatal"/> result fails at once regardless of
/// <c>fall</c>; a latching one (<see cref="CheckResult.Latch"/>) holds the tracker in
/// <see cref="TrackerState.Fatal"/> until <see cref="ClearLatch"/>, after which <c>rise</c> successes are needed.
/// </remarks>
public sealed class Tracker
{
    private int _counter;

    public Tracker(string name, TrackerKind kind, TrackerTiming timing)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(timing);
        ArgumentOutOfRangeException.ThrowIfLessThan(timing.Rise, 1, nameof(timing));
        ArgumentOutOfRangeException.ThrowIfLessThan(timing.Fall, 1, nameof(timing));
        Name = name;
        Kind = kind;
        Timing = timing;
        if (timing.InitFail)
        {
            _counter = 0;
            State = TrackerState.Failed;
            LastReason = "init_fail: failed until the first successes";
        }
        else
        {
            _counter = timing.Rise - 1;
        }
    }

    public string Name { get; }

    public TrackerKind Kind { get; }

    public TrackerTiming Timing { get; }

    public TrackerState State { get; private set; } = TrackerState.Unknown;

    /// <summary>True only in <see cref="TrackerState.Ok"/>.</summary>
    public bool IsHealthy => State == TrackerState.Ok;

    /// <summary>The reason of the last result, in words.</summary>
    public string? LastReason { get; private set; }

    /// <summary>The typed facts of the result <see cref="LastReason"/> came from (null when it stated none).</summary>
    public CheckFacts? LastFacts { get; private set; }

    /// <summary>When <see cref="State"/> last changed; null while it never did.</summary>
    public DateTimeOffset? LastChange { get; private set; }

    /// <summary>Failed and fatal results seen since start (each one, not each state change).</summary>
    public long FailuresTotal { get; private set; }

    /// <summary>The rise/fall counter, for tests and debugging.</summary>
    public int Counter => _counter;

    private int Top => Timing.Rise + Timing.Fall - 1;

    /// <summary>Counts one result. Returns true when <see cref="State"/> changed.</summary>
    public bool Apply(CheckResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Outcome != CheckOutcome.Ok)
        {
            FailuresTotal++;
        }

        if (State == TrackerState.Fatal)
        {
            // Latched: nothing but ClearLatch moves it, and good results do not hide why it latched.
            if (result.Outcome != CheckOutcome.Ok)
            {
                LastReason = result.Reason;
                LastFacts = result.Facts;
            }

            return false;
        }

        LastReason = result.Reason;
        LastFacts = result.Facts;

        TrackerState next = result.Outcome switch
        {
            CheckOutcome.Ok => Succeed(),
            CheckOutcome.Failed => Fail(),
            _ => FailAtOnce(result.Latch),
        };
        return ChangeState(next, now);
    }

    /// <summary>An operator cleared a latched fatal fault: the tracker is failed with an empty counter, so it
    /// needs <c>rise</c> good results. Returns true when it was latched.</summary>
    public bool ClearLatch(DateTimeOffset now)
    {
        if (State != TrackerState.Fatal)
        {
            return false;
        }

        _counter = 0;
        LastReason = $"latched fault cleared by operator; needs {Timing.Rise} good result(s)";
        LastFacts = null;
        return ChangeState(TrackerState.Failed, now);
    }

    private TrackerState Succeed()
    {
        if (_counter < Timing.Rise - 1)
        {
            _counter++;
            return State == TrackerState.Unknown ? TrackerState.Unknown : TrackerState.Failed;
        }

        _counter = Top;
        return TrackerState.Ok;
    }

    private TrackerState Fail()
    {
        if (_counter > Timing.Rise)
        {
            _counter--;
            return TrackerState.Ok;
        }

        _counter = 0;
        return TrackerState.Failed;
    }

    private TrackerState FailAtOnce(bool latch)
    {
        _counter = 0;
        return latch ? TrackerState.Fatal : TrackerState.Failed;
    }

    private bool ChangeState(TrackerState next, DateTimeOffset now)
    {
        if (next == State)
        {
            return false;
        }

        State = next;
        LastChange = now;
        return true;
    }
}
