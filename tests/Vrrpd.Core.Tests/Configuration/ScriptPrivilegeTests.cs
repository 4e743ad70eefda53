using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>keepalived's script accounts and enable_script_security, against a host described in the test
/// (docs/design/keepalived-compatibility.md §12).</summary>
public class ScriptPrivilegeTests
{
    private const int Root = 0, Dir = 0x4000, File = 0x8000, Sticky = 0x200;

    /// <summary>A host with root-owned /, /etc, /etc/keepalived and /etc/keepalived/notify.sh unless overridden.</summary>
    private sealed class FakeHost(bool keepalivedScriptUser = false) : IScriptEnvironment
    {
        public Dictionary<string, ScriptPathStatus> Files { get; } = new()
        {
            ["/"] = new(Root, Root, Dir | 0x1ED),
            ["/etc"] = new(Root, Root, Dir | 0x1ED),
            ["/etc/keepalived"] = new(Root, Root, Dir | 0x1ED),
            ["/etc/keepalived/notify.sh"] = new(Root, Root, File | 0x1ED),
            ["/tmp"] = new(Root, Root, Dir | Sticky | 0x1FF),
            ["/tmp/notify.sh"] = new(Root, Root, File | 0x1ED),
        };

        public (int Uid, int Gid) Own => (0, 0);

        public (int Uid, int Gid)? FindUser(string name) => name switch
        {
            "root" => (0, 0),
            "nobody" => (65534, 65534),
            "keepalived_script" when keepalivedScriptUser => (990, 990),
            _ => null,
        };

        public int? FindGroup(string name) => name switch { "root" => 0, "nogroup" => 65534, "wheel" => 10, _ => null };

        public string? FindProgram(string program) => Files.ContainsKey(program) ? program : null;

        public string? RealPath(string path) => Files.ContainsKey(path) ? path : null;

        public ScriptPathStatus? Status(string path) => Files.TryGetValue(path, out ScriptPathStatus s) ? s : null;
    }

    private static ConfigurationLoadResult Load(string global, string notify, IScriptEnvironment? host) =>
        ConfigAssert.Load($$"""
            global_defs {
            {{global}}
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                virtual_ipaddress {
                    192.0.2.10/24
                }
                {{notify}}
            }
            """, new ConfigurationLoadOptions { ConfigId = "a", ScriptEnvironment = host });

    private static NotifyCommands Notify(ConfigurationLoadResult result)
    {
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Configuration!.Instances[0].Notify;
    }

    [Fact]
    public void ScriptUser_IsTheAccountOfEveryNotifyCommandThatNamesNone()
    {
        NotifyCommands notify = Notify(Load("    script_user nobody nogroup", "notify_master /etc/keepalived/notify.sh\n    notify_backup /etc/keepalived/notify.sh root wheel", host: null));

        Assert.Equal(("nobody", "nogroup"), (notify.Master!.User, notify.Master.Group));
        Assert.Equal(("root", "wheel"), (notify.Backup!.User, notify.Backup.Group));
    }

    [Fact]
    public void ScriptUser_IsTheAccountOfAVrrpScriptThatNamesNone()
    {
        VrrpdConfiguration configuration = ConfigAssert.LoadValid("global_defs {\n script_user nobody\n}\nvrrp_script chk {\n script /bin/true\n}\nvrrp_script own {\n script /bin/true\n user root\n}");

        Assert.Equal(["nobody", "root"], configuration.Scripts.Select(s => s.Script.User));
    }

    [Fact]
    public void NoUserAnywhere_RunsAsKeepalivedScript_WhenThatUserExists()
    {
        NotifyCommands notify = Notify(Load("", "notify_master /etc/keepalived/notify.sh", new FakeHost(keepalivedScriptUser: true)));

        Assert.Equal("keepalived_script", notify.Master!.User);
    }

    [Fact]
    public void NoUserAnywhere_WithScriptSecurity_AndNoKeepalivedScript_IsAnError()
    {
        ConfigurationLoadResult result = Load("    enable_script_security", "notify_master /etc/keepalived/notify.sh", new FakeHost());

        ConfigAssert.SingleError(result, 10, 5, "notify_master of vrrp_instance VI_1 names no user, there is no script_user and no user keepalived_script on this host");
    }

    [Fact]
    public void UnknownUser_IsAnError_NeverRootInstead() =>
        ConfigAssert.SingleError(Load("", "notify_master /etc/keepalived/notify.sh svc", new FakeHost()), 10, 5, "user 'svc' does not exist on this host");

    [Theory]
    [InlineData("/etc/keepalived", Root, 1000, Dir | 0x1FD, "/etc/keepalived is writable by group 1000 (mode 0775)")]
    [InlineData("/etc/keepalived", Root, Root, Dir | 0x1FF, "/etc/keepalived is writable by everyone (mode 0777)")]
    [InlineData("/etc/keepalived/notify.sh", 1000, Root, File | 0x1ED, "/etc/keepalived/notify.sh is owned by uid 1000")]
    [InlineData("/etc", Root, 4, Dir | 0x1FD, "/etc is writable by group 4 (mode 0775)")]
    public void RootScript_ThatANonRootUserCouldChange_IsRefused_WithScriptSecurity(string path, int uid, int gid, int mode, string why)
    {
        var host = new FakeHost();
        host.Files[path] = new ScriptPathStatus(uid, gid, mode);

        ConfigurationLoadResult result = Load("    enable_script_security\n    script_user root", "notify_master /etc/keepalived/notify.sh", host);

        ConfigAssert.SingleError(result, 11, 5, $"notify_master of vrrp_instance VI_1: '/etc/keepalived/notify.sh' would run as root, but {why}; enable_script_security refuses it, as keepalived does");
    }

    [Fact]
    public void RootScript_ThatANonRootUserCouldChange_IsAWarning_WithoutScriptSecurity()
    {
        var host = new FakeHost();
        host.Files["/etc/keepalived"] = new ScriptPathStatus(Root, 1000, Dir | 0x1FD);

        ConfigurationLoadResult result = Load("", "notify_master /etc/keepalived/notify.sh", host);

        Diagnostic warning = ConfigAssert.SingleWarning(result, "SECURITY VIOLATION");
        Assert.Contains("/etc/keepalived is writable by group 1000 (mode 0775)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RootScript_InAStickyWorldWritableDirectory_IsSafe() =>
        Assert.NotNull(Notify(Load("    enable_script_security\n    script_user root", "notify_master /tmp/notify.sh", new FakeHost())).Master);

    [Fact]
    public void UnsafeScript_RunAsAnotherUser_IsAccepted()
    {
        var host = new FakeHost();
        host.Files["/etc/keepalived"] = new ScriptPathStatus(Root, 1000, Dir | 0x1FD);

        Assert.Equal("nobody", Notify(Load("    enable_script_security\n    script_user nobody", "notify_master /etc/keepalived/notify.sh", host)).Master!.User);
    }

    [Fact]
    public void GroupRoot_CountsAsRoot()
    {
        var host = new FakeHost();
        host.Files["/etc/keepalived"] = new ScriptPathStatus(Root, 1000, Dir | 0x1FD);

        ConfigAssert.SingleError(Load("    enable_script_security", "notify_master /etc/keepalived/notify.sh nobody root", host), 10, 5, "would run with group root");
    }

    [Fact]
    public void MissingScript_IsAWarning() =>
        ConfigAssert.SingleWarning(Load("    script_user root", "notify_master /etc/keepalived/absent.sh", new FakeHost()), "'/etc/keepalived/absent.sh' does not exist on this host");
}
