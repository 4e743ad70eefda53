using System.Net;
using System.Net.Sockets;
using Vrrpd.Configuration;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Configuration;

public class InstanceKeywordTests
{
    [Fact]
    public void MinimalInstance_GetsKeepalivedDefaultsIncludingVersion2()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadInstance("");

        Assert.Equal("VI_1", i.Name);
        Assert.Equal(new SourceLocation(ConfigAssert.FileName, 1, 1), i.Location);
        Assert.Null(i.InitialState);
        Assert.Equal("eth0", i.Interface);
        Assert.Equal(51, i.VirtualRouterId);
        Assert.Equal(100, i.Priority);
        Assert.False(i.PriorityWasSet);
        Assert.Equal(TimeSpan.FromSeconds(1), i.AdvertisementInterval);
        Assert.Equal(VrrpVersion.V2, i.Version);
        Assert.Equal(AddressFamily.InterNetwork, i.Family);
        Assert.True(i.Preempt);
        Assert.Equal(TimeSpan.Zero, i.PreemptDelay);
        Assert.Null(i.Authentication);
        Assert.Empty(i.ExcludedAddresses);
        Assert.Null(i.UnicastSource);
        Assert.Empty(i.UnicastPeers);
        Assert.Empty(i.TrackInterfaces);
        Assert.Equal(GarpSettings.Default, i.Garp);
        Assert.False(i.V3ChecksumAsV2);
        Assert.False(i.CheckUnicastSource);
        Assert.Equal(3, i.DownTimerAdverts);
        Assert.Equal(NotifyCommands.None, i.Notify);
        Assert.True(i.Accept);
        Assert.False(i.DontTrackPrimary);
    }

    [Theory]
    [InlineData("state BACKUP", InitialStateHint.Backup)]
    [InlineData("state MASTER\npriority 200", InitialStateHint.Master)]
    public void State_IsAHint(string body, InitialStateHint expected) =>
        Assert.Equal(expected, ConfigAssert.LoadInstance(body).InitialState);

    [Fact]
    public void Priority_IsRead()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadInstance("priority 150");

        Assert.Equal(150, i.Priority);
        Assert.True(i.PriorityWasSet);
    }

    [Fact]
    public void AdvertInt_IsExactForVersion3() =>
        Assert.Equal(TimeSpan.FromMilliseconds(50), ConfigAssert.LoadInstance("version 3\nadvert_int 0.05").AdvertisementInterval);

    [Fact]
    public void Version_OverridesTheGlobalDefault()
    {
        VrrpdConfiguration config = ConfigAssert.LoadValid("global_defs {\n vrrp_version 2\n}\n" + ConfigAssert.Instance("version 3"));

        Assert.Equal(VrrpVersion.V3, Assert.Single(config.Instances).Version);
    }

    [Fact]
    public void GlobalVersion_AppliesWhenTheInstanceHasNone()
    {
        VrrpdConfiguration config = ConfigAssert.LoadValid("global_defs {\n vrrp_version 2\n}\n" + ConfigAssert.Instance(""));

        Assert.Equal(VrrpVersion.V2, Assert.Single(config.Instances).Version);
    }

    [Fact]
    public void Nopreempt_AndPreemptDelay_AreRead()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadInstance("state BACKUP\nnopreempt\npreempt_delay 30.5");

        Assert.False(i.Preempt);
        Assert.Equal(TimeSpan.FromMilliseconds(30500), i.PreemptDelay);
    }

    [Fact]
    public void Preempt_UndoesAnEarlierNopreempt() =>
        Assert.True(ConfigAssert.LoadInstance("nopreempt\npreempt").Preempt);

    [Fact]
    public void Authentication_PassIsZeroPaddedToEightBytes()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadInstance("version 2\nauthentication {\n auth_type PASS\n auth_pass secret\n}");

        Assert.Equal(AuthenticationType.Pass, i.Authentication!.Type);
        Assert.Equal("secret\0\0"u8.ToArray(), i.Authentication.Password);
    }

    [Fact]
    public void UnicastSourceAndPeers_AreRead()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadInstance("""
            unicast_src_ip 192.0.2.1
            unicast_peer {
                192.0.2.2
                192.0.2.3 min_ttl 250 max_ttl 255
            }
            """);

        Assert.Equal(IPAddress.Parse("192.0.2.1"), i.UnicastSource);
        Assert.Equal(
            [new UnicastPeerConfig(IPAddress.Parse("192.0.2.2"), null, null), new UnicastPeerConfig(IPAddress.Parse("192.0.2.3"), 250, 255)],
            i.UnicastPeers);
    }

    [Fact]
    public void McastSrcIp_SetsTheSameSourceAsKeepalived() =>
        Assert.Equal(IPAddress.Parse("192.0.2.9"), ConfigAssert.LoadInstance("mcast_src_ip 192.0.2.9").UnicastSource);

    [Fact]
    public void TrackInterface_ReadsWeightAndReverse()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadInstance("""
            track_interface {
                eth1
                eth2 weight -20
                eth3 weight 10 reverse
            }
            """);

        Assert.Equal(
            [("eth1", 0, false), ("eth2", -20, false), ("eth3", 10, true)],
            i.TrackInterfaces.Select(t => (t.Name, t.Weight, t.Reverse)));
        Assert.Equal(new SourceLocation(ConfigAssert.FileName, 9, 5), i.TrackInterfaces[1].Location);
    }

    /// <summary>keepalived cuts a prefix off a source address before it parses it (keepalived-compatibility.md §11).</summary>
    [Fact]
    public void SourceAddressWithAPrefix_IsTheAddress_WithAWarning()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(ConfigAssert.Instance("mcast_src_ip 192.0.2.9/24"));

        ConfigAssert.SingleWarning(result, "'/24' is ignored, as keepalived ignores it");
        Assert.Equal(IPAddress.Parse("192.0.2.9"), Assert.Single(result.Configuration!.Instances).UnicastSource);
    }

    [Fact]
    public void GarpOverrides_ReplaceOnlyTheValuesWritten()
    {
        VrrpdConfiguration config = ConfigAssert.LoadValid("global_defs {\n vrrp_garp_master_repeat 2\n}\n" + ConfigAssert.Instance("""
            garp_master_delay 1
            garp_master_refresh 30
            garp_master_refresh_repeat 3
            garp_lower_prio_delay 2
            garp_lower_prio_repeat 7
            """));

        Assert.Equal(
            new GarpSettings(TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(30), 3, TimeSpan.FromSeconds(2), 7),
            Assert.Single(config.Instances).Garp);
    }

    [Fact]
    public void PerInstanceSwitches_OverrideGlobals()
    {
        VrrpdConfiguration config = ConfigAssert.LoadValid("""
            global_defs {
                vrrp_check_unicast_src
                v3_checksum_as_v2
                vrrp_down_timer_adverts 4
            }
            """ + "\n" + ConfigAssert.Instance("v3_checksum_as_v2 off\ndown_timer_adverts 6"));

        VrrpInstanceConfig i = Assert.Single(config.Instances);
        Assert.True(i.CheckUnicastSource);       // keepalived's check_unicast_src reads no value: it can only be set
        Assert.False(i.V3ChecksumAsV2);
        Assert.Equal(6, i.DownTimerAdverts);
    }

    [Fact]
    public void GlobalSwitches_ReachInstances()
    {
        VrrpdConfiguration config = ConfigAssert.LoadValid("global_defs {\n vrrp_check_unicast_src\n v3_checksum_as_v2\n}\n" + ConfigAssert.Instance(""));

        Assert.True(config.Instances[0].CheckUnicastSource);
        Assert.True(config.Instances[0].V3ChecksumAsV2);
    }

    [Fact]
    public void NotifyCommands_AreSplitWithoutAShell()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadInstance("""
            notify_master "/etc/vrrpd/notify.sh master 'VI 1'"
            notify_backup /etc/vrrpd/backup.sh
            notify_fault "/etc/vrrpd/fault.sh" vrrp vrrpgroup
            notify_stop "/etc/vrrpd/stop.sh"
            notify /etc/vrrpd/all.sh
            """);

        Assert.Equal("/etc/vrrpd/notify.sh master 'VI 1'", i.Notify.Master!.Text);
        Assert.Equal(["/etc/vrrpd/notify.sh", "master", "VI 1"], i.Notify.Master.Argv);
        Assert.Equal(["/etc/vrrpd/backup.sh"], i.Notify.Backup!.Argv);
        Assert.Equal("vrrp", i.Notify.Fault!.User);
        Assert.Equal("vrrpgroup", i.Notify.Fault.Group);
        Assert.Equal(["/etc/vrrpd/stop.sh"], i.Notify.Stop!.Argv);
        Assert.Equal(["/etc/vrrpd/all.sh"], i.Notify.Generic!.Argv);
    }

    [Fact]
    public void NoAccept_AndDontTrackPrimary_AreRead()
    {
        VrrpInstanceConfig i = ConfigAssert.LoadInstance("no_accept\ndont_track_primary");

        Assert.False(i.Accept);
        Assert.True(i.DontTrackPrimary);
    }

    [Fact]
    public void KeywordsOnOneLine_WithBraces_AreRead()
    {
        VrrpInstanceConfig i = Assert.Single(ConfigAssert.LoadValid(
            "vrrp_instance VI_1 { interface eth0\nvirtual_router_id 7\nvirtual_ipaddress { 192.0.2.1 }\ntrack_interface { eth1 weight 5 } }").Instances);

        Assert.Equal(7, i.VirtualRouterId);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), Assert.Single(i.VirtualAddresses).Address);
        Assert.Equal(5, Assert.Single(i.TrackInterfaces).Weight);
    }

    [Fact]
    public void BlockBraceOnTheNextLine_IsAccepted()
    {
        VrrpInstanceConfig i = Assert.Single(ConfigAssert.LoadValid(
            "vrrp_instance VI_1\n{\n interface eth0\n virtual_router_id 7\n virtual_ipaddress\n {\n  192.0.2.1\n }\n}").Instances);

        Assert.Single(i.VirtualAddresses);
    }

    [Theory]
    [InlineData("track_bfd {\n bfd1\n}", "track_bfd")]
    [InlineData("virtual_routes {\n 0.0.0.0/0 via 192.0.2.254\n}", "virtual_routes")]
    [InlineData("smtp_alert", "smtp_alert")]
    [InlineData("unicast_ttl 10", "unicast_ttl")]
    public void UnimplementedInstanceKeywords_AreWarnings(string body, string keyword) =>
        ConfigAssert.SingleWarning(ConfigAssert.Load(ConfigAssert.Instance(body)), $"'{keyword}' is a keepalived keyword vrrpd does not implement; ignored");

    [Theory]
    [InlineData("use_vmac")]
    [InlineData("use_vmac vrrp.51")]
    [InlineData("use_vmac_addr")]
    [InlineData("vmac_xmit_base")]
    public void Vmac_IsAWarningThatNamesTheFallback(string line) =>
        ConfigAssert.SingleWarning(ConfigAssert.Load(ConfigAssert.Instance(line)),
            "use_vmac is not supported (no macvlan); ignored: vrrpd sends from the interface's own MAC");

    [Theory]
    [InlineData("priority 0", 7, 10, "'priority' expects an integer 1..255, got '0'")]
    [InlineData("priority 256", 7, 10, "'priority' expects an integer 1..255, got '256'")]
    [InlineData("state ACTIVE", 7, 7, "'state' expects MASTER or BACKUP, got 'ACTIVE'")]
    [InlineData("preempt_delay 1001", 7, 15, "'preempt_delay' expects seconds 0..1000")]
    [InlineData("interface averyveryverylongname", 7, 11, "'interface' expects an interface name")]
    [InlineData("unicast_src_ip 10.1", 7, 16, "'unicast_src_ip' expects an IPv4 or IPv6 address, got '10.1'")]
    [InlineData("version", 7, 1, "'version' expects 2 or 3")]
    [InlineData("track_interface {\n eth1 weight 254\n}", 8, 14, "'weight' expects an integer -253..253, got '254'")]
    [InlineData("track_interface {\n eth1 bogus\n}", 8, 7, "'track_interface' expects IF [weight -253..253 [reverse]]")]
    [InlineData("unicast_peer {\n 192.0.2.2 ttl 5\n}", 8, 12, "'unicast_peer' expects IP [min_ttl 0..255] [max_ttl 0..255]")]
    [InlineData("notify_master \"/bin/x 'a\"", 7, 15, "'notify_master' expects a command")]
    [InlineData("state MASTER priority 200", 7, 14, "unexpected 'priority': keepalived reads one keyword per line and would silently ignore 'priority 200' here, so vrrpd refuses it")]
    [InlineData("nopreempt priority 200", 7, 11, "would silently ignore 'priority 200' here")]
    [InlineData("virtual_router_idd 5", 7, 1, "unknown keyword 'virtual_router_idd' in vrrp_instance")]
    [InlineData("authentication {\n auth_type PASS\n}", 7, 1, "'authentication' needs both")]
    [InlineData("authentication {\n auth_type MD5\n auth_pass x\n}", 8, 12, "'auth_type' expects PASS, got 'MD5'")]
    public void BadInstanceValues_AreReportedAtTheWord(string body, int line, int column, string message) =>
        ConfigAssert.SingleError(ConfigAssert.Load(ConfigAssert.Instance("version 2\n" + body)), line + 1, column, message);

    [Theory]
    [InlineData("nopreempt 1", "'nopreempt' takes no value; '1' is ignored, as keepalived ignores it")]
    [InlineData("dont_track_primary yes", "'dont_track_primary' takes no value; 'yes' is ignored")]
    public void FlagWithExtraWords_IsAWarning_AsKeepalivedIgnoresThem(string line, string message)
    {
        ConfigurationLoadResult result = ConfigAssert.Load(ConfigAssert.Instance("state BACKUP\n" + line));

        ConfigAssert.SingleWarning(result, message);
    }
}
