using Vrrpd.Configuration;
using Vrrpd.Daemon.Systemd;
using Vrrpd.Linux.Netlink;
using Vrrpd.Logging;
using Vrrpd.Status;

namespace Vrrpd.Daemon.Reload;

/// <summary>
/// `vrrpd reload` and SIGHUP: re-read the configuration file; with errors, keep the running configuration and
/// answer with the diagnostics; else apply it (<see cref="VrrpDaemon.Reload"/>). systemd hears RELOADING=1 before
/// and READY=1 after (Type=notify-reload semantics), so `systemctl reload` waits for it. One reload at a time.
/// </summary>
internal sealed class ConfigurationReloader(string configPath, VrrpDaemon daemon, SystemdNotifier systemd, Log log)
{
    private readonly Lock _gate = new();

    public ControlReply Reload(string trigger)
    {
        lock (_gate)
        {
            systemd.Reloading();
            try
            {
                log.Info($"{trigger}: re-reading {configPath}");
                var loaded = ConfigurationLoader.Load(configPath, new ConfigurationLoadOptions
                {
                    InterfaceExists = name => NetlinkLinks.Find(name) is not null,
                    ScriptEnvironment = Linux.Health.HostScriptEnvironment.Instance,
                });
                var diagnostics = loaded.Diagnostics.Select(d => d.ToString()).ToArray();
                if (loaded.HasErrors || loaded.Configuration is null)
                {
                    foreach (var line in diagnostics) log.Error(line);
                    var message = $"{configPath}: the new configuration has errors; the running one is kept";
                    log.Error(message);
                    return ControlReply.Failed(message, diagnostics);
                }
                foreach (var line in diagnostics) log.Warning(line);
                IReadOnlyList<string> changes;
                try
                {
                    changes = daemon.Reload(loaded.Configuration);
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException or NetlinkException or Linux.NativeCallException)
                {
                    // A socket or netlink failure part-way leaves what was applied so far; the message says where.
                    log.Warning($"{trigger}: not (fully) reloaded: {e.Message}");
                    return ControlReply.Failed($"not (fully) reloaded: {e.Message}");
                }
                return new ControlReply { Ok = true, Message = "reloaded: " + string.Join("\n  ", changes), Diagnostics = diagnostics };
            }
            finally
            {
                systemd.Ready(SystemdStatusLine.From(daemon.Snapshot()));
            }
        }
    }
}
