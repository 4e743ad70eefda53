namespace Vrrpd.Configuration;

/// <summary>
/// keepalived keywords that vrrpd knows but does not implement (yet), per section. A user's keepalived.conf must
/// load unchanged, so these are WARNINGS ("... is a keepalived keyword vrrpd does not implement; ignored") and
/// their blocks are skipped whole. A word in none of these tables and in no handler table is not keepalived's
/// either and is an ERROR. Sources: keepalived 2.2.7 global_parser.c, vrrp_parser.c, check_parser.c and
/// keepalived.conf(5). Implementing a keyword = add a handler and delete it here.
/// </summary>
internal static class KeepalivedKeywords
{
    /// <summary>
    /// Interface modes vrrpd cannot provide (this kernel has no macvlan or ipvlan). They are WARNINGS that say what
    /// happens instead: the instance runs on the interface itself with its own MAC, as keepalived does without
    /// use_vmac, which keeps the failover working (gratuitous ARP moves the VIP's MAC in neighbours' caches), so
    /// a keepalived.conf that uses them still loads.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Unsupported = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["use_vmac"] = VmacMessage,
        ["use_vmac_addr"] = VmacMessage,
        ["vmac_xmit_base"] = VmacMessage,
        ["use_ipvlan"] = "use_ipvlan is not supported (no ipvlan); ignored: vrrpd sends from the interface itself",
    };

    /// <summary>Keywords that start a section of keepalived.conf. Includes the whole LVS (check_parser.c) side.</summary>
    public static readonly IReadOnlyDictionary<string, string?> TopLevel = Notes(
        "vrrp_track_bfd",
        "bfd_instance", "static_ipaddress", "static_routes", "static_rules", "static_track_group", "track_group",
        "virtual_server", "virtual_server_group", "garp_group", "linkbeat_interfaces", "linkbeat_use_polling",
        "interface_up_down_delays", "net_namespace", "net_namespace_ipvs", "namespace_with_ipsets", "instance",
        "use_pid_dir", "child_wait_time", "vrrp_group");

    /// <summary><c>global_defs</c> keywords (VRRP, LVS, SMTP, SNMP, D-Bus, process scheduling, dumps).</summary>
    public static readonly IReadOnlyDictionary<string, string?> Global = Notes(
        // Mail alerts
        "notification_email", "notification_email_from", "smtp_server", "smtp_helo_name", "smtp_connect_timeout",
        "smtp_alert", "smtp_alert_vrrp", "smtp_alert_checker", "email_faults", "no_email_faults", "no_checker_emails",
        // LVS / checkers
        "lvs_id", "lvs_flush", "lvs_flush_onstop", "lvs_timeouts", "lvs_sync_daemon", "lvs_notify_fifo",
        "lvs_notify_fifo_script", "lvs_netlink_cmd_rcv_bufs", "lvs_netlink_cmd_rcv_bufs_force",
        "lvs_netlink_monitor_rcv_bufs", "lvs_netlink_monitor_rcv_bufs_force", "checker_log_all_failures",
        "rs_init_notifies", "checker_priority", "checker_rt_priority", "checker_no_swap", "checker_cpu_affinity",
        "checker_rlimit_rttime", "checker_process_name", "bfd_priority", "bfd_rt_priority", "bfd_no_swap",
        "bfd_cpu_affinity", "bfd_rlimit_rttime", "bfd_process_name",
        // VRRP knobs not implemented yet
        "default_interface", "vrrp_mcast_group4", "vrrp_mcast_group6", "vrrp_garp_interval", "vrrp_gna_interval",
        "vrrp_garp_extra_if", "vrrp_lower_prio_no_advert", "vrrp_higher_prio_send_advert",
        "vrrp_skip_check_adv_addr", "vrrp_owner_ignore_adverts", "vrrp_startup_delay", "vrrp_delay_after_boot",
        "dynamic_interfaces", "log_unknown_vrids", "vrrp_rx_bufs_policy", "vrrp_rx_bufs_multiplier",
        "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_cmd_rcv_bufs_force", "vrrp_netlink_monitor_rcv_bufs",
        "vrrp_netlink_monitor_rcv_bufs_force", "process_monitor_rcv_bufs", "process_monitor_rcv_bufs_force",
        "vrrp_iptables", "vrrp_ipsets", "vrrp_nftables", "nftables", "nftables_priority", "nftables_ifindex",
        "nftables_counters", "disable_local_igmp", "vrrp_no_swap",
        "vrrp_cpu_affinity", "vrrp_process_name", "max_auto_priority",
        "min_auto_priority_delay", "process_names", "process_name", "linkbeat_use_polling", "random_seed", "umask",
        // Events, reload, dumps
        "vrrp_notify_priority_changes", "fifo_write_vrrp_states_on_reload", "reload_check_config",
        "reload_time_file", "reload_file", "reload_repeat", "state_dump_file", "stats_dump_file", "json_dump_file",
        "json_version", "data_use_instance", "tmp_config_directory", "startup_script", "startup_script_timeout",
        "shutdown_script", "shutdown_script_timeout",
        // SNMP, D-Bus, namespaces
        "snmp_socket", "enable_traps", "enable_snmp_keepalived", "enable_snmp_vrrp", "enable_snmp_checker",
        "enable_snmp_rfc", "enable_snmp_rfcv2", "enable_snmp_rfcv3", "enable_dbus", "dbus_service_name",
        "net_namespace", "net_namespace_ipvs", "namespace_with_ipsets", "instance", "use_pid_dir")
        .With("vrrp_strict", "strict mode (no unicast, no authentication, DROP rules for the VIPs) is not implemented");

    /// <summary><c>vrrp_instance</c> keywords.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Instance = Notes(
        "smtp_alert", "track_bfd", "track_src_ip", "virtual_routes",
        "virtual_rules", "notify_deleted", "notify_master_rx_lower_pri", "notify_priority_changes",
        "unicast_fault_no_peer", "unicast_ttl", "promote_secondaries", "timer_expired_backup", "strict_mode",
        "old_unicast_checksum", "skip_check_adv_addr", "owner_ignore_adverts", "no_virtual_ipaddress", "vrf",
        "lvs_sync_daemon_interface", "native_ipv6", "debug", "lower_prio_no_advert", "higher_prio_send_advert",
        "garp_extra_if", "kernel_rx_buf_size", "linkbeat_use_polling", "auth_hmac", "mcast_dst_ip",
        "garp_interval", "gna_interval", "track_group");

    /// <summary><c>vrrp_sync_group</c> keywords.</summary>
    public static readonly IReadOnlyDictionary<string, string?> SyncGroup = Notes(
        "smtp_alert", "global_tracking", "sync_group_tracking_weight", "track_interface", "track_bfd", "notify_deleted", "notify_priority_changes");

    private const string VmacMessage =
        "use_vmac is not supported (no macvlan); ignored: vrrpd sends from the interface's own MAC, as keepalived without use_vmac";

    private static Dictionary<string, string?> Notes(params string[] keywords)
    {
        var table = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (string keyword in keywords)
        {
            table[keyword] = null;
        }

        return table;
    }

    private static Dictionary<string, string?> With(this Dictionary<string, string?> table, string keyword, string note)
    {
        table[keyword] = note;
        return table;
    }
}
