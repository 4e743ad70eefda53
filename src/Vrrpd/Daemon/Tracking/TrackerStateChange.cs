using Vrrpd.Health;

namespace Vrrpd.Daemon.Tracking;

/// <summary>A tracker moved from one state to another: the reason in words and its typed facts (GPU, Xid).</summary>
internal sealed record TrackerStateChange(TrackerDefinition Tracker, TrackerState From, TrackerState To, string? Reason, CheckFacts? Facts);
