namespace Vrrpd.Configuration;

/// <summary><c>track_interface { IF [weight W [reverse]] }</c>. Weight 0 means Fault while the link is down;
/// a non-zero weight changes priority instead (keepalived vrrp_track.c).</summary>
public sealed record TrackedInterfaceConfig(string Name, int Weight, bool Reverse, SourceLocation Location);
