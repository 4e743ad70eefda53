using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>vrrp_script, vrrp_track_file, vrrp_track_gpu, vrrp_track_container and global nvml_library.</summary>
public class TrackerDefinitionTests
{
    private static VrrpdConfiguration Load(string text) => ConfigAssert.LoadValid(text);

    [Fact]
    public void VrrpScript_Defaults_AreKeepalived()
    {
        ScriptTrackerConfig s = Assert.Single(Load("vrrp_script chk {\n script \"/usr/bin/test -e /tmp/x\"\n}").Scripts);

        Assert.Equal("chk", s.Name);
        Assert.Equal(["/usr/bin/test", "-e", "/tmp/x"], s.Script.Argv);
        Assert.Null(s.Script.User);
        Assert.Equal(TrackerTiming.Default, s.Timing);
        Assert.Equal(new SourceLocation(ConfigAssert.FileName, 1, 1), s.Location);
    }

    [Fact]
    public void VrrpScript_EveryKeyword_IsRead()
    {
        ScriptTrackerConfig s = Assert.Single(Load("""
            vrrp_script chk {
                script "/bin/sh -c 'exit 0'"
                interval 0.5
                timeout 3
                weight -20 reverse
                rise 3
                fall 2
                user nobody nogroup
                init_fail
            }
            """).Scripts);

        Assert.Equal(["/bin/sh", "-c", "exit 0"], s.Script.Argv);
        Assert.Equal(("nobody", "nogroup"), (s.Script.User, s.Script.Group));
        Assert.Equal(new TrackerTiming(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3), 3, 2, -20, true, true), s.Timing);
    }

    [Theory]
    [InlineData("interval 5", 5)]
    [InlineData("interval 5\n timeout 0", 5)]
    public void VrrpScript_TimeoutZeroOrAbsent_IsTheInterval(string lines, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Assert.Single(Load($"vrrp_script c {{\n script /bin/true\n {lines}\n}}").Scripts).Timing.Timeout);

    [Fact]
    public void VrrpScript_WithoutUser_GetsGlobalScriptUser()
    {
        ScriptTrackerConfig s = Assert.Single(Load("global_defs {\n script_user vrrp vgroup\n}\nvrrp_script c {\n script /bin/true\n}").Scripts);

        Assert.Equal(("vrrp", "vgroup"), (s.Script.User, s.Script.Group));
    }

    [Theory]
    [InlineData("weight 254", 253)]
    [InlineData("weight -254", -253)]
    public void Weight254_IsClampedWithAWarning(string line, int expected)
    {
        ConfigurationLoadResult result = ConfigAssert.Load($"vrrp_script c {{\n script /bin/true\n {line}\n}}");

        ConfigAssert.SingleWarning(result, $"is clamped to {expected}");
        Assert.Equal(expected, Assert.Single(result.Configuration!.Scripts).Timing.Weight);
    }

    [Fact]
    public void VrrpScript_WithoutScript_IsIgnoredWithAWarning_AsAreItsEntries()
    {
        ConfigurationLoadResult result = ConfigAssert.Load("vrrp_script c {\n interval 1\n}\n" + ConfigAssert.Instance("track_script {\n c\n}"));

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(2, result.Warnings.Count());
        Assert.Empty(result.Configuration!.Scripts);
        Assert.Empty(result.Configuration.Instances[0].Trackers);
    }

    [Fact]
    public void TrackFile_DefaultsAndKeywords()
    {
        VrrpdConfiguration config = Load("""
            vrrp_track_file a {
                file /run/a
            }
            track_file b {
                file "/run/b"
                weight -5 reverse
                init_file 7 overwrite
            }
            vrrp_track_file c {
                file /run/c
                init_file
            }
            """);

        Assert.Equal(new FileTrackerConfig("a", "/run/a", 1, false, null, false, new SourceLocation(ConfigAssert.FileName, 1, 1)), config.Files[0]);
        Assert.Equal(("/run/b", -5, true, (int?)7, true), (config.Files[1].Path, config.Files[1].Weight, config.Files[1].Reverse, config.Files[1].InitValue, config.Files[1].InitOverwrite));
        Assert.Equal(0, config.Files[2].InitValue);
        Assert.False(config.Files[2].InitOverwrite);
    }

    [Fact]
    public void TrackGpu_Defaults()
    {
        GpuTrackerConfig g = Assert.Single(Load("vrrp_track_gpu g {\n}").Gpus);

        Assert.True(g.AllDevices);
        Assert.Equal(TrackerTiming.Default, g.Timing);
        Assert.Null(g.MaxTemperature);
        Assert.True(g.XidEvents);
        Assert.Equal(GpuTrackerConfig.DefaultFatalXids, g.FatalXids);
        Assert.Equal(TimeSpan.Zero, g.CudaProbeInterval);
    }

    [Fact]
    public void TrackGpu_EveryKeyword_IsRead()
    {
        GpuTrackerConfig g = Assert.Single(Load("""
            vrrp_track_gpu g {
                devices 0 2 GPU-5f1c2a3b-0000-1111-2222-333344445555
                interval 0.25
                timeout 0.5
                rise 5
                fall 2
                weight -50
                max_temperature 87
                xid_events off
                fatal_xids 79 48
                cuda_probe_interval 30
                init_fail
            }
            """).Gpus);

        Assert.Equal([0, 2], g.DeviceIndexes);
        Assert.Equal(["GPU-5f1c2a3b-0000-1111-2222-333344445555"], g.DeviceUuids);
        Assert.Equal(new TrackerTiming(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), 5, 2, -50, false, true), g.Timing);
        Assert.Equal(87, g.MaxTemperature);
        Assert.False(g.XidEvents);
        Assert.Equal([79, 48], g.FatalXids);
        Assert.Equal(TimeSpan.FromSeconds(30), g.CudaProbeInterval);
    }

    [Fact]
    public void TrackContainer_Defaults()
    {
        ContainerTrackerConfig c = Assert.Single(Load("vrrp_track_container c {\n container vllm\n}").Containers);

        Assert.Equal(ContainerTrackerConfig.DefaultEngineSocket, c.EngineSocket);
        Assert.Equal("vllm", c.Container);
        Assert.Equal(ContainerRequirement.Auto, c.Require);
        Assert.Null(c.HttpGet);
        Assert.Null(c.TcpSocket);
        Assert.Equal(TrackerTiming.Default, c.Timing);
    }

    [Fact]
    public void TrackContainer_EveryKeyword_IsRead()
    {
        ContainerTrackerConfig c = Assert.Single(Load("""
            vrrp_track_container c {
                engine /run/podman/podman.sock
                container 3f2a
                require running
                http_get http://127.0.0.1:8000/health
                tcp_socket [2001:db8::1]:8000
                interval 0.2
                timeout 0.1
                rise 2
                fall 3
                weight 10 reverse
                init_fail
            }
            """).Containers);

        Assert.Equal("/run/podman/podman.sock", c.EngineSocket);
        Assert.Equal("3f2a", c.Container);
        Assert.Equal(ContainerRequirement.Running, c.Require);
        Assert.Equal(new Uri("http://127.0.0.1:8000/health"), c.HttpGet);
        Assert.Equal("[2001:db8::1]:8000", c.TcpSocket);
        Assert.Equal(new TrackerTiming(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100), 2, 3, 10, true, true), c.Timing);
    }

    [Fact]
    public void TrackContainer_RequireHealthy() =>
        Assert.Equal(ContainerRequirement.Healthy, Assert.Single(Load("vrrp_track_container c {\n container x\n require healthy\n}").Containers).Require);

    [Fact]
    public void NvmlLibrary_IsReadFromGlobalDefs()
    {
        Assert.Null(Load("").Global.NvmlLibrary);
        Assert.Equal("/opt/nvml/libnvidia-ml.so.1", Load("global_defs {\n nvml_library /opt/nvml/libnvidia-ml.so.1\n}").Global.NvmlLibrary);
    }

    [Theory]
    [InlineData("vrrp_script c {\n script /bin/true\n interval 0\n}", 3, 11, "'interval' expects seconds")]
    [InlineData("vrrp_script c {\n script /bin/true\n rise 0\n}", 3, 7, "'rise' expects an integer 1..1000, got '0'")]
    [InlineData("vrrp_script c {\n script /bin/true\n fall x\n}", 3, 7, "'fall' expects an integer 1..1000, got 'x'")]
    [InlineData("vrrp_script c {\n script /bin/true\n weight 255\n}", 3, 9, "'weight' expects an integer -253..253, got '255'")]
    [InlineData("vrrp_script c {\n script /bin/true\n weight 5 sideways\n}", 3, 11, "expects reverse or noreverse after the number, got 'sideways'")]
    [InlineData("vrrp_script c {\n script /bin/true\n init_fail weight 2\n}", 3, 12, "would silently ignore 'weight 2' here")]
    [InlineData("vrrp_script c {\n script \"/bin/x 'a\"\n}", 2, 9, "'script' expects a command")]
    [InlineData("vrrp_script c {\n script /bin/true\n bogus 1\n}", 3, 2, "unknown keyword 'bogus' in vrrp_script")]
    [InlineData("vrrp_script {\n script /bin/true\n}", 1, 1, "'vrrp_script' expects a name and a { } block")]
    [InlineData("vrrp_track_file f {\n file relative/path\n}", 2, 7, "'file' expects an absolute path, got 'relative/path'")]
    [InlineData("vrrp_track_file f {\n file /a\n init_file x\n}", 3, 12, "'init_file' expects [VALUE] [overwrite], got 'x'")]
    [InlineData("vrrp_track_gpu g {\n devices 0 eth0\n}", 2, 12, "'devices' expects all, or device indexes 0..63 and UUIDs")]
    [InlineData("vrrp_track_gpu g {\n max_temperature 0\n}", 2, 18, "'max_temperature' expects an integer 1..200, got '0'")]
    [InlineData("vrrp_track_gpu g {\n xid_events maybe\n}", 2, 13, "'xid_events' expects on|off")]
    [InlineData("vrrp_track_gpu g {\n fatal_xids 79 x\n}", 2, 16, "'fatal_xids' expects an integer 1..65535, got 'x'")]
    [InlineData("vrrp_track_gpu g {\n cuda_probe_interval -1\n}", 2, 22, "'cuda_probe_interval' expects seconds")]
    [InlineData("vrrp_track_container c {\n container x\n require alive\n}", 3, 10, "'require' expects running or healthy, got 'alive'")]
    [InlineData("vrrp_track_container c {\n container x\n http_get https://a/\n}", 3, 11, "'http_get' expects an http:// URL")]
    [InlineData("vrrp_track_container c {\n container x\n tcp_socket localhost\n}", 3, 13, "'tcp_socket' expects HOST:PORT")]
    [InlineData("vrrp_track_container c {\n container x\n tcp_socket h:70000\n}", 3, 13, "'tcp_socket' expects HOST:PORT")]
    [InlineData("vrrp_track_container c {\n container x\n engine docker.sock\n}", 3, 9, "'engine' expects an absolute path")]
    [InlineData("vrrp_track_container c {\n require running\n}", 1, 1, "vrrp_track_container c has no 'container'")]
    [InlineData("global_defs {\n nvml_library libnvidia-ml.so\n}", 2, 15, "'nvml_library' expects an absolute path")]
    [InlineData("vrrp_script c {\n script /bin/true\n}\nvrrp_script c {\n script /bin/false\n}", 4, 1, "vrrp_script c is defined twice (first at /etc/vrrpd/test.conf:1:1)")]
    [InlineData("vrrp_track_gpu g {\n}\nvrrp_track_gpu g {\n}", 3, 1, "vrrp_track_gpu g is defined twice")]
    public void BadTrackerDefinitions_AreReportedAtTheWord(string text, int line, int column, string message) =>
        ConfigAssert.SingleError(ConfigAssert.Load(text), line, column, message);
}
