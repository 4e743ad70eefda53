using Vrrpd.Protocol;

namespace Vrrpd.StateMachine;

/// <summary>
/// How closely a Master's answers to priority-0 adverts may follow each other (docs/design/vrrp-protocol.md §9).
/// RFC 5798 / 9568 §6.4.3 answer every priority 0 with an advert, so that Backups, which set their
/// Master_Down_Timer to Skew_Time on hearing priority 0 (§6.4.2), hear the Master again before it fires. One answer
/// does that for every priority 0 heard since the one before, as long as it follows them within the shortest
/// Skew_Time a Backup can have: priority 254 gives (256 - 254) / 256 of Master_Adver_Interval (v3; the Backup
/// learned our interval) or of one second (v2, RFC 3768 §6.1). Answers are kept half that apart, so a flood of
/// priority 0 is answered at most 256 times per v3 interval (per second in v2) instead of once per packet, and no
/// Backup's Skew_Time can run out between a priority 0 and the answer to it.
/// </summary>
public static class PriorityZeroAnswerPacing
{
    /// <summary>The shortest time between two answers: half the shortest Backup Skew_Time.</summary>
    public static TimeSpan Period(VrrpVersion version, TimeSpan advertisementInterval) =>
        (version == VrrpVersion.V3 ? advertisementInterval : TimeSpan.FromSeconds(1)) / 256;
}
