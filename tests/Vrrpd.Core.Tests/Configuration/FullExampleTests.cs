using System.Net;
using System.Net.Sockets;
using Vrrpd.Configuration;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Configuration;

/// <summary>A vrrpd.conf-like file with two instances (IPv4 v3, IPv6) that uses every supported keyword.</summary>
public class FullExampleTests
{
    private const string Example = """
        ! vrrpd example: a GPU inference VIP, IPv4 and IPv6, on two hosts.
        global_defs {
            router_id gpu-a
            vrrp_version 3
            vrrp_garp_master_delay 2
            vrrp_garp_master_repeat 3
            vrrp_garp_master_refresh 60
            vrrp_garp_master_refresh_repeat 2
            vrrp_garp_lower_prio_delay 1
            vrrp_garp_lower_prio_repeat 2
            vrrp_min_garp off
            vrrp_check_unicast_src
            v3_checksum_as_v2 off
            script_user vrrp vrrp
            enable_script_security
            vrrp_down_timer_adverts 3
        }

        vrrp_instance VI_4 {
            state BACKUP
            interface eth0
            virtual_router_id 51
            priority 150
            advert_int 0.1
            version 3
            nopreempt
            preempt_delay 5
            dont_track_primary
            accept
            virtual_ipaddress {
                192.0.2.10/24 brd + dev eth0 scope global label eth0:vip
                192.0.2.11/24 no_track
            }
            virtual_ipaddress_excluded {
                198.51.100.10/24 dev eth1
            }
            unicast_src_ip 192.0.2.1
            unicast_peer {
                192.0.2.2 min_ttl 255 max_ttl 255
            }
            check_unicast_src
            track_interface {
                eth1 weight -60
                eth2
            }
            garp_master_delay 1
            garp_master_repeat 5
            garp_master_refresh 30
            garp_master_refresh_repeat 1
            garp_lower_prio_delay 0.5
            garp_lower_prio_repeat 3
            down_timer_adverts 4
            v3_checksum_as_v2
            notify_master "/etc/vrrpd/notify.sh master"
            notify_backup "/etc/vrrpd/notify.sh backup"
            notify_fault "/etc/vrrpd/notify.sh fault"
            notify_stop "/etc/vrrpd/notify.sh stop"
            notify /etc/vrrpd/notify-all.sh vrrp
            track_script {
                chk_api
            }
            track_file {
                maintenance weight -20
            }
            track_gpu {
                gpus
            }
            track_container {
                inference weight -100
            }
            track_neighbor {
                gateway
            }
            track_process {
                proxy weight -30
            }
        }

        vrrp_instance VI_6 {
            state MASTER
            interface eth0
            virtual_router_id 51
            priority 150
            advert_int 1
            preempt
            no_accept
            mcast_src_ip fe80::1
            virtual_ipaddress {
                2001:db8::10/64 dev eth0 -nodad
            }
        }

        vrrp_sync_group GPU {
            group {
                VI_4
                VI_6
            }
            notify_master "/etc/vrrpd/group.sh master"
            notify_backup "/etc/vrrpd/group.sh backup"
            notify_fault "/etc/vrrpd/group.sh fault"
            notify_stop "/etc/vrrpd/group.sh stop"
            notify "/etc/vrrpd/group.sh"
            ownership quorum
        }

        vrrp_ownership quorum {
            etcd_endpoints http://192.0.2.1:2379 http://192.0.2.2:2379 http://192.0.2.3:2379
            lease_ttl 5
            key_prefix /gpu-site/
        }

        global_defs {
            nvml_library /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1
            vrrp_priority -5
            vrrp_rt_priority 50
            vrrp_rlimit_rttime 10000
        }

        vrrp_script chk_api {
            script "/usr/local/bin/check-api --port 8000"
            interval 2
            fall 2
            rise 2
            weight -60
        }

        vrrp_track_file maintenance {
            file /run/vrrpd/maintenance
            weight -10
        }

        vrrp_track_gpu gpus {
            devices all
            interval 0.5
        }

        vrrp_track_container inference {
            container vllm
            http_get http://127.0.0.1:8000/health
        }

        vrrp_track_neighbor gateway {
            interval 0.1
            fall 3
            rise 2
        }

        vrrp_track_process proxy {
            process haproxy
            delay 2
        }

        ! operations: metrics, failover reports, control socket access, notify FIFOs (a second global_defs merges)
        global_defs {
            metrics_listen 127.0.0.1:9650
            events_file /var/lib/vrrpd/events.jsonl
            events_file_max_size 10M
            control_socket_group vrrpd
            notify_fifo /run/vrrpd/notify.fifo
            notify_fifo_script /usr/local/bin/fifo-reader
            vrrp_notify_fifo /run/vrrpd/vrrp.fifo
            vrrp_notify_fifo_script /usr/local/bin/vrrp-fifo-reader
        }
        """;

    [Fact]
    public void Example_LoadsWithoutAnyDiagnostic()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(Example, new ConfigurationLoadOptions { InterfaceExists = _ => true });

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Configuration);
    }

    [Fact]
    public void Example_GlobalDefinitions()
    {
        GlobalDefinitions g = ConfigAssert.LoadValid(Example).Global;

        Assert.Equal("gpu-a", g.RouterId);
        Assert.Equal(VrrpVersion.V3, g.DefaultVersion);
        Assert.Equal(new GarpSettings(TimeSpan.FromSeconds(2), 3, TimeSpan.FromSeconds(60), 2, TimeSpan.FromSeconds(1), 2), g.Garp);
        Assert.True(g.CheckUnicastSource);
        Assert.False(g.V3ChecksumAsV2);
        Assert.Equal(("vrrp", "vrrp"), (g.ScriptUser, g.ScriptGroup));
        Assert.True(g.EnableScriptSecurity);
        Assert.Equal(3, g.DownTimerAdverts);
    }

    [Fact]
    public void Example_IPv4Instance()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadValid(Example).Instances[0];

        Assert.Equal("VI_4", i.Name);
        Assert.Equal(InitialStateHint.Backup, i.InitialState);
        Assert.Equal(("eth0", (byte)51, (byte)150), (i.Interface, i.VirtualRouterId, i.Priority));
        Assert.Equal(TimeSpan.FromMilliseconds(100), i.AdvertisementInterval);
        Assert.Equal(VrrpVersion.V3, i.Version);
        Assert.Equal(AddressFamily.InterNetwork, i.Family);
        Assert.False(i.Preempt);
        Assert.Equal(TimeSpan.FromSeconds(5), i.PreemptDelay);
        Assert.True(i.DontTrackPrimary);
        Assert.True(i.Accept);
        Assert.Equal(
            new VirtualAddressConfig(IPAddress.Parse("192.0.2.10"), 24, "eth0", "eth0:vip", IPAddress.Parse("192.0.2.255"), AddressScope.Global, false, false, new SourceLocation(ConfigAssert.FileName, 31, 9)),
            i.VirtualAddresses[0]);
        Assert.True(i.VirtualAddresses[1].NoTrack);
        Assert.Equal("eth1", Assert.Single(i.ExcludedAddresses).Device);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), i.UnicastSource);
        Assert.Equal(new UnicastPeerConfig(IPAddress.Parse("192.0.2.2"), 255, 255), Assert.Single(i.UnicastPeers));
        Assert.True(i.CheckUnicastSource);
        Assert.Equal([("eth1", -60), ("eth2", 0)], i.TrackInterfaces.Select(t => (t.Name, t.Weight)));
        Assert.Equal(new GarpSettings(TimeSpan.FromSeconds(1), 5, TimeSpan.FromSeconds(30), 1, TimeSpan.FromMilliseconds(500), 3), i.Garp);
        Assert.Equal(4, i.DownTimerAdverts);
        Assert.True(i.V3ChecksumAsV2);
        Assert.Equal(["/etc/vrrpd/notify.sh", "master"], i.Notify.Master!.Argv);
        Assert.Equal(["/etc/vrrpd/notify.sh", "backup"], i.Notify.Backup!.Argv);
        Assert.Equal(["/etc/vrrpd/notify.sh", "fault"], i.Notify.Fault!.Argv);
        Assert.Equal(["/etc/vrrpd/notify.sh", "stop"], i.Notify.Stop!.Argv);
        Assert.Equal(["/etc/vrrpd/notify-all.sh"], i.Notify.Generic!.Argv);
        Assert.Equal("vrrp", i.Notify.Generic.User);
    }

    [Fact]
    public void Example_IPv6Instance()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadValid(Example).Instances[1];

        Assert.Equal("VI_6", i.Name);
        Assert.Equal(InitialStateHint.Master, i.InitialState);
        Assert.Equal(VrrpVersion.V3, i.Version);
        Assert.Equal(AddressFamily.InterNetworkV6, i.Family);
        Assert.True(i.Preempt);
        Assert.False(i.Accept);
        Assert.Equal(IPAddress.Parse("fe80::1"), i.UnicastSource);
        VirtualAddressConfig vip = Assert.Single(i.VirtualAddresses);
        Assert.Equal((IPAddress.Parse("2001:db8::10"), 64, true), (vip.Address, vip.PrefixLength, vip.NoDad));
        Assert.Equal(GarpSettings.Default with { MasterDelay = TimeSpan.FromSeconds(2), MasterRepeat = 3, MasterRefresh = TimeSpan.FromSeconds(60), MasterRefreshRepeat = 2, LowerPriorityDelay = TimeSpan.FromSeconds(1), LowerPriorityRepeat = 2 }, i.Garp);
        Assert.True(i.CheckUnicastSource);
    }

    [Fact]
    public void Example_SyncGroup()
    {
        SyncGroupConfig group = Assert.Single(ConfigAssert.LoadValid(Example).SyncGroups);

        Assert.Equal(["VI_4", "VI_6"], group.Members);
        Assert.Equal(["/etc/vrrpd/group.sh", "stop"], group.Notify.Stop!.Argv);
        Assert.Equal(["/etc/vrrpd/group.sh"], group.Notify.Generic!.Argv);
        Assert.Equal("quorum", group.Ownership);
    }

    [Fact]
    public void Example_Ownership_ClaimsTheSyncGroup()
    {
        OwnershipClaimConfig claim = Assert.Single(ConfigAssert.LoadValid(Example).OwnershipClaims);

        Assert.Equal(("/gpu-site/sync_group/GPU", 3, TimeSpan.FromSeconds(5)), (claim.Key, claim.Ownership.Endpoints.Count, claim.Ownership.LeaseTtl));
        Assert.Equal(["VI_4", "VI_6"], claim.Instances);
    }

    [Fact]
    public void Example_Trackers_AreDefinedAndResolvedOnTheInstance()
    {
        VrrpdConfiguration config = ConfigAssert.LoadValid(Example);

        Assert.Equal("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1", config.Global.NvmlLibrary);
        Assert.Equal((-5, 50, 10000L), (config.Global.Nice, config.Global.RealtimePriority, config.Global.RealtimeLimitMicroseconds));
        Assert.Equal(("vrrp", "vrrp"), (config.Scripts[0].Script.User, config.Scripts[0].Script.Group)); // script_user
        Assert.Equal(
            [(TrackerKind.Script, "chk_api", -60), (TrackerKind.File, "maintenance", -20), (TrackerKind.Gpu, "gpus", 0), (TrackerKind.Container, "inference", -100),
             (TrackerKind.Neighbor, "gateway", 0), (TrackerKind.Process, "proxy", -30)],
            config.Instances[0].Trackers.Select(t => (t.Kind, t.Name, t.Weight!.Value)));
        Assert.Empty(config.Instances[1].Trackers);
    }

    [Fact]
    public void Example_UsesEveryImplementedKeyword()
    {
        IEnumerable<string> all = GlobalDefsKeywords.Table.Keywords
            .Concat(InstanceKeywords.Table.Keywords)
            .Concat(SyncGroupKeywords.Table.Keywords)
            .Concat(["global_defs", "vrrp_instance", "vrrp_sync_group", "auth_type", "auth_pass"]);

        // authentication is v2-only and lives in KeepalivedRulesTests; everything else must appear here.
        string[] missing = all.Where(k => k is not ("authentication" or "auth_type" or "auth_pass"))
            .Where(k => !Example.Contains(k + " ", StringComparison.Ordinal) && !Example.Contains(k + "\n", StringComparison.Ordinal))
            .ToArray();

        Assert.Empty(missing);
    }
}
