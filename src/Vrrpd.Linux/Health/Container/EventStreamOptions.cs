namespace Vrrpd.Linux.Health.Container;

/// <summary>How the event stream is watched and reopened.</summary>
/// <param name="StallTimeout">Silence after which the stream is reopened. Engines send nothing between events, so
/// this only bounds how long a silently dead stream (a hung engine) can go unnoticed; reopening with
/// <c>since</c> loses nothing. The 1 s inspect poll stays the backstop meanwhile (docs/design/container-health.md §5).</param>
/// <param name="InitialBackoff">Wait before the first reconnect; doubled after each failure up to
/// <paramref name="MaxBackoff"/>, reset once an event arrives.</param>
public sealed record EventStreamOptions(TimeSpan StallTimeout, TimeSpan InitialBackoff, TimeSpan MaxBackoff)
{
    public static EventStreamOptions Default { get; } =
        new(TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
}
