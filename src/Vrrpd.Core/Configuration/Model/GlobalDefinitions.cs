using Vrrpd.Protocol;

namespace Vrrpd.Configuration;

/// <summary>The VRRP-relevant part of keepalived's <c>global_defs</c> block, with keepalived's defaults
/// (global_data.c) except where vrrpd deliberately differs (noted per member).</summary>
public sealed record GlobalDefinitions
{
    /// <summary><c>router_id</c>: a name for this host in logs and notifications.</summary>
    public string? RouterId { get; init; }

    /// <summary><c>vrrp_version 2|3</c>: the version of IPv4 instances without <c>version</c>. 2 by default, as in
    /// keepalived, so a file moved from keepalived speaks what its peers speak; IPv6 instances are always 3.</summary>
    public VrrpVersion DefaultVersion { get; init; } = VrrpVersion.V2;

    /// <summary>True when <c>vrrp_version</c> was written, so an instance knows the version was a choice.</summary>
    public bool DefaultVersionWasSet { get; init; }

    /// <summary><c>vrrp_garp_*</c> and <c>vrrp_min_garp</c>: announcement bursts; instances start from these.</summary>
    public GarpSettings Garp { get; init; } = GarpSettings.Default;

    /// <summary><c>vrrp_check_unicast_src</c>: drop unicast adverts whose source is not a configured peer.</summary>
    public bool CheckUnicastSource { get; init; }

    /// <summary><c>v3_checksum_as_v2</c>: VRRPv3/IPv4 checksum without the pseudo-header (the RFC 9568 §5.2.8 note).</summary>
    public bool V3ChecksumAsV2 { get; init; }

    /// <summary><c>script_user USER [GROUP]</c>: who notify scripts run as.</summary>
    public string? ScriptUser { get; init; }

    public string? ScriptGroup { get; init; }

    /// <summary><c>enable_script_security</c>: refuse scripts that a non-root user could modify.</summary>
    public bool EnableScriptSecurity { get; init; }

    /// <summary><c>vrrp_down_timer_adverts 1..100</c>: adverts missed before Master_Down_Interval expires.
    /// RFC 5798 §6.1 fixes this at 3.</summary>
    public int DownTimerAdverts { get; init; } = 3;

    /// <summary><c>vrrp_priority -20..19</c>: the nice value of the whole daemon (keepalived: of its VRRP process).</summary>
    public int? Nice { get; init; }

    /// <summary><c>vrrp_rt_priority 1..99</c>: SCHED_RR at this priority for the threads that run VRRP (the timer
    /// thread and the receive threads), so a busy host cannot delay adverts into a false failover.</summary>
    public int? RealtimePriority { get; init; }

    /// <summary><c>vrrp_rlimit_rttime MICROSECONDS</c>: RLIMIT_RTTIME, the CPU a realtime thread may use without
    /// blocking before the kernel signals it; only set when given.</summary>
    public long? RealtimeLimitMicroseconds { get; init; }

    /// <summary><c>nvml_library PATH</c>: the NVML library to load instead of <c>libnvidia-ml.so.1</c> found through
    /// the loader's search path (LD_LIBRARY_PATH).</summary>
    public string? NvmlLibrary { get; init; }

    /// <summary>Where vrrpd's failover reports go unless <c>events_file</c> says otherwise.</summary>
    public const string DefaultEventsFile = "/var/lib/vrrpd/events.jsonl";

    /// <summary><c>metrics_listen ADDR:PORT</c>: serve Prometheus metrics at <c>/metrics</c> there; null (off) by
    /// default. vrrpd's own keyword (keepalived has no exporter).</summary>
    public System.Net.IPEndPoint? MetricsListen { get; init; }

    /// <summary><c>events_file PATH</c>: the failover report, one JSON object a line (vrrpd's own keyword).</summary>
    public string EventsFile { get; init; } = DefaultEventsFile;

    /// <summary><c>events_file_max_size BYTES</c>: the events file is renamed to <c>PATH.1</c> (replacing the
    /// previous one) once it reaches this size. Default 10 MiB.</summary>
    public long EventsFileMaxBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary><c>control_socket_group GROUP</c>: members of this group may use the control socket (read status,
    /// demote, resume, clear, reload) besides root; the socket file becomes mode 0660 and owned by the group.</summary>
    public string? ControlSocketGroup { get; init; }

    /// <summary>keepalived's <c>notify_fifo</c> and <c>vrrp_notify_fifo</c> (each with its <c>*_script</c>): FIFOs
    /// that receive one line per state change, <c>INSTANCE "VI_1" MASTER 150</c>.</summary>
    public IReadOnlyList<NotifyFifoConfig> NotifyFifos { get; init; } = [];
}
