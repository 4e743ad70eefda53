using System.Text;
using Vrrpd.Configuration;
using Vrrpd.Daemon.Metrics;
using Vrrpd.Daemon.Tracking;
using Vrrpd.Health;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

internal sealed partial class VrrpDaemon
{
    private static readonly VrrpState[] States = [VrrpState.Initialize, VrrpState.Backup, VrrpState.Master, VrrpState.Fault];
    private static readonly TrackerState[] TrackerStates = [TrackerState.Unknown, TrackerState.Ok, TrackerState.Failed, TrackerState.Fatal];

    /// <summary>Prometheus text exposition of every instance and tracker (README, "Metrics"), taken on the loop.</summary>
    public string Metrics()
    {
        var m = new Exposition();
        m.Gauge("vrrpd_build_info", "vrrpd's version; always 1", 1, ("version", VersionInfo.Version));
        m.Gauge("vrrpd_start_time_seconds", "When the daemon started, in seconds since the Unix epoch", StartedAt.ToUnixTimeMilliseconds() / 1000.0);
        // On the loop, between two events: one scrape is one consistent moment.
        _loop.Invoke(() =>
        {
            // Read before this scrape allocates anything here: steady-state advertising should add nothing to it
            // between scrapes (docs/design/event-loop.md §6; the benchmark's allocation scenario).
            m.Counter("vrrpd_event_loop_allocated_bytes_total", "Bytes the event loop thread has allocated since start",
                GC.GetAllocatedBytesForCurrentThread());
            foreach (var instance in _instances) DescribeInstance(m, instance);
            if (_trackers is not null)
            {
                foreach (var (kind, name, runner) in _trackers.Runners) DescribeTracker(m, kind, name, runner);
            }
        }, LoopAnswerTimeout);
        return m.ToString();
    }

    private static void DescribeInstance(Exposition m, InstanceRuntime instance)
    {
        var config = instance.Config;
        // "vrrp_instance", not "instance": Prometheus attaches its own target label "instance" to every series it
        // scrapes, and a clashing exposed label is stored as "exported_instance" (README, "Metrics").
        (string, string) name = ("vrrp_instance", config.Name);
        (string, string) vrid = ("vrid", config.VirtualRouterId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var router = instance.Router;
        foreach (var state in States)
        {
            m.Gauge("vrrpd_instance_state", "1 for the state the instance is in, 0 for the others", instance.State == state ? 1 : 0,
                name, vrid, ("interface", config.Interface), ("state", state.ToString().ToLowerInvariant()));
        }
        m.Gauge("vrrpd_instance_priority", "The configured priority", config.Priority, name, vrid);
        m.Gauge("vrrpd_instance_effective_priority", "The priority advertised now (trackers and demotion applied)", router?.EffectivePriority ?? config.Priority, name, vrid);
        m.Gauge("vrrpd_instance_demoted", "1 while held at priority 1 by vrrpd demote", router?.DemotedBecause is null ? 0 : 1, name, vrid);
        if (router?.MasterAddress is { } master)
            m.Gauge("vrrpd_instance_master_info", "The Master as seen from here (own address when Master); always 1", 1, name, vrid, ("master", master.ToString()));
        m.Gauge("vrrpd_instance_advert_interval_seconds", "Master_Adver_Interval", (router?.MasterAdverInterval ?? config.AdvertisementInterval).TotalSeconds, name, vrid);
        m.Gauge("vrrpd_instance_fault_conditions", "Active fault conditions (link down, weight-0 trackers)", instance.FaultReasons.Count, name, vrid);
        foreach (var ((from, to), count) in instance.Counters.TransitionsByState)
        {
            m.Counter("vrrpd_instance_transitions_total", "State changes by from and to state", count,
                name, vrid, ("from", from.ToLowerInvariant()), ("to", to.ToLowerInvariant()));
        }
        var becameMaster = instance.Counters.TransitionsByState.Where(t => t.Key.To == nameof(VrrpState.Master)).Sum(t => t.Value);
        m.Counter("vrrpd_instance_failovers_total", "Times this host took the virtual addresses over (became Master)", becameMaster, name, vrid);
        if (router?.LastTransition is { } last)
            m.Gauge("vrrpd_instance_last_transition_timestamp_seconds", "When the last state change happened, seconds since the Unix epoch",
                last.At.ToUnixTimeMilliseconds() / 1000.0, name, vrid);
        m.Counter("vrrpd_instance_adverts_received_total", "Advertisements accepted", instance.Counters.AdvertsReceived, name, vrid);
        m.Counter("vrrpd_instance_adverts_sent_total", "Advertisements sent", instance.Counters.AdvertsSent, name, vrid);
        foreach (var (reason, count) in instance.Counters.Drops)
            m.Counter("vrrpd_instance_adverts_dropped_total", "Advertisements dropped, by reason", count, name, vrid, ("reason", reason));
        if (instance.Ownership is { } ownership)
        {
            // Quorum ownership (docs/design/ownership.md §7): the failure policy made visible.
            m.Gauge("vrrpd_ownership_held", "1 while this host holds the instance's etcd claim and may hold its addresses",
                ownership.Claim.MayHoldAddresses ? 1 : 0, name, vrid, ("key", ownership.Config.Key));
            m.Gauge("vrrpd_ownership_etcd_reachable", "0 after an etcd request got no answer from any endpoint, until the next answer",
                ownership.Claim.EtcdReachable ? 1 : 0, name, vrid);
            m.Gauge("vrrpd_ownership_waiting", "1 while VRRP says Master and the claim is not held: the instance waits in Backup",
                router?.WaitingForPermit == true ? 1 : 0, name, vrid);
            if (ownership.Claim.FencingToken is { } token)
                m.Gauge("vrrpd_ownership_fencing_token", "The etcd revision of the claim held (grows with every new holder)", token, name, vrid);
        }
    }

    private static void DescribeTracker(Exposition m, TrackerKind kind, string trackerName, TrackerRunner runner)
    {
        (string, string) tracker = ("tracker", trackerName);
        (string, string) kindLabel = ("kind", kind.ToString().ToLowerInvariant());
        var (state, failures) = runner.Read(t => (t.State, t.FailuresTotal));
        m.Gauge("vrrpd_tracker_up", "1 while the tracker's check passes", state == TrackerState.Ok ? 1 : 0, tracker, kindLabel);
        foreach (var s in TrackerStates)
        {
            m.Gauge("vrrpd_tracker_state", "1 for the tracker's state (fatal = latched until vrrpd clear)", state == s ? 1 : 0,
                tracker, kindLabel, ("state", s.ToString().ToLowerInvariant()));
        }
        m.Counter("vrrpd_tracker_failures_total", "Failed or fatal check results", failures, tracker, kindLabel);
        if (runner.Probe is TimedProbe { LastDuration: { } duration })
            m.Gauge("vrrpd_tracker_last_check_duration_seconds", "How long the last check took", duration.TotalSeconds, tracker, kindLabel);

        var prefix = "vrrpd_" + kind.ToString().ToLowerInvariant() + "_";
        var deviceLabel = kind == TrackerKind.Gpu ? "gpu" : "device";
        foreach (var reading in runner.Probe.Measurements)
        {
            var labels = new List<(string, string)> { tracker };
            if (reading.Device is { } device) labels.Add((deviceLabel, device));
            // A labelled family (vrrpd_gpu_xid_total{xid="79"}): the label travels with the reading.
            if (reading.Label is { } label) labels.Add((label.Name, label.Value));
            if (reading.Name == "xid_total")
            {
                m.Counter(prefix + "xid_total", "Xid errors seen since start, by code", reading.Value, [.. labels]);
                continue;
            }
            var metric = prefix + Sanitize(reading.Name);
            if (metric.EndsWith("_total", StringComparison.Ordinal))
                m.Counter(metric, $"{kind} reading {reading.Name}", reading.Value, [.. labels]);
            else
                m.Gauge(metric, $"{kind} reading {reading.Name}", reading.Value, [.. labels]);
        }
    }

    /// <summary>Metric names allow [a-zA-Z0-9_:]; anything else in a reading's name becomes '_'.</summary>
    private static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name) text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        return text.ToString();
    }
}
