using System.Text.Json;
using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests.Operations;

/// <summary>Runs a vrrpd client subcommand (demote, resume, clear, reload, events…) inside a daemon's host, against
/// its control socket, optionally as another user (setpriv) to exercise the SO_PEERCRED checks.</summary>
public static class VrrpdClient
{
    public static CommandResult Run(DaemonProcess daemon, params string[] arguments) => RunAs(daemon, null, arguments);

    /// <param name="uidGid">"65534:65534" to run as nobody with no supplementary groups; null for root.</param>
    public static CommandResult RunAs(DaemonProcess daemon, string? uidGid, params string[] arguments)
    {
        var (fileName, prefix) = VrrpdBinary.Resolve();
        var command = new List<string> { "netns", "exec", daemon.Host.Namespace };
        if (uidGid is not null)
        {
            var (uid, gid) = (uidGid.Split(':')[0], uidGid.Split(':')[1]);
            // DOTNET_CLI_HOME: `dotnet vrrpd.dll` as nobody needs a writable home for its first-run files.
            command.AddRange(["env", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp", "setpriv", $"--reuid={uid}", $"--regid={gid}", "--clear-groups"]);
        }
        command.Add(fileName);
        command.AddRange(prefix);
        command.AddRange(arguments);
        command.AddRange(["--control-socket", daemon.ControlSocket]);
        return Command.Run("ip", command, TimeSpan.FromSeconds(40));
    }
}

/// <summary>Fields of `vrrpd status --json` the harness's status record does not carry (effectivePriority, demoted).</summary>
public static class StatusJson
{
    public static JsonElement Instance(DaemonProcess daemon, string name)
    {
        using var document = JsonDocument.Parse(daemon.Status().Json);
        return document.RootElement.GetProperty("instances").EnumerateArray().First(i => i.GetProperty("name").GetString() == name).Clone();
    }
}
