using Vrrpd.Configuration;
using Vrrpd.Linux.Health;
using Vrrpd.Linux.Tests.Namespaces;

namespace Vrrpd.Linux.Tests.Health;

/// <summary>enable_script_security against real files: a root-run script in a directory a non-root group may write
/// is refused with the path named, as keepalived refuses it (docs/design/keepalived-compatibility.md §12).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ScriptSecurityHostTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vrrpd-sec-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Script(string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "notify.sh");
        File.WriteAllText(path, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    private static ConfigurationLoadResult Load(string global, string script) =>
        ConfigurationLoader.LoadText($$"""
            global_defs {
            {{global}}
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                virtual_ipaddress {
                    192.0.2.10/24
                }
                notify_master {{script}}
            }
            """, "/etc/vrrpd/test.conf", new ConfigurationLoadOptions { ConfigId = "a", ScriptEnvironment = HostScriptEnvironment.Instance });

    [RootFact]
    public void RootScript_InAGroupWritableDirectory_IsRefused_NamingTheDirectory()
    {
        string directory = Path.Combine(_root, "scripts");
        string script = Script(directory);
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_101);
        Command("chgrp", "65534", directory);

        Diagnostic error = Assert.Single(Load("    enable_script_security\n    script_user root", script).Errors);

        Assert.Equal($"/etc/vrrpd/test.conf:11:5: error: notify_master of vrrp_instance VI_1: '{script}' would run as root, but {directory} is writable by group 65534 (mode 0775); enable_script_security refuses it, as keepalived does, since whoever can change it could run commands as root", error.ToString());
    }

    [RootFact]
    public void RootScript_InARootOnlyDirectory_IsAccepted()
    {
        string script = Script(Path.Combine(_root, "safe"));

        ConfigurationLoadResult result = Load("    enable_script_security\n    script_user root", script);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    [RootFact]
    public void UnsafeScript_RunAsAnotherUser_IsNotRootsConcern()
    {
        string directory = Path.Combine(_root, "scripts");
        string script = Script(directory);
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);

        ConfigurationLoadResult result = Load("    enable_script_security\n    script_user nobody", script);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    private static void Command(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(program, arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
