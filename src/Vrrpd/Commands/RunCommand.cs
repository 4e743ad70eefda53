using Vrrpd.Linux;
using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Vrrpd.Configuration;
using Vrrpd.Daemon;
using Vrrpd.Daemon.Metrics;
using Vrrpd.Daemon.Reload;
using Vrrpd.Daemon.Systemd;
using Vrrpd.Linux.Netlink;
using Vrrpd.Linux.Timing;
using Vrrpd.Logging;

namespace Vrrpd.Commands;

/// <summary>`vrrpd run`: the daemon, in the foreground, logging to stderr, until SIGTERM or SIGINT.</summary>
internal static class RunCommand
{
    /// <summary>How long /healthz waits for the event loop before it answers 503 (a probe's own timeout is usually
    /// 1 s or more).</summary>
    private static readonly TimeSpan HealthProbeWait = TimeSpan.FromMilliseconds(500);

    public static Command Create()
    {
        var file = CommonOptions.ConfigFile();
        var controlSocket = CommonOptions.ControlSocket();
        var pidFile = new Option<string>("--pid-file")
        {
            Description = "Pid file",
            DefaultValueFactory = _ => DaemonOptions.DefaultPidFilePath,
        };
        var command = new Command("run", "Run the VRRP daemon in the foreground") { file, controlSocket, pidFile };
        command.SetAction(result => Run(new DaemonOptions(
            result.GetValue(file)!, result.GetValue(controlSocket)!, result.GetValue(pidFile)!)));
        return command;
    }

    public static int Run(DaemonOptions options)
    {
        try
        {
            return RunDaemon(options);
        }
        finally
        {
            Log.Flush();
        }
    }

    private static int RunDaemon(DaemonOptions options)
    {
        var log = new Log("vrrpd");
        // Read (and removed from the environment) first, so notify scripts never inherit NOTIFY_SOCKET.
        using var systemd = SystemdNotifier.FromEnvironment(log.For("systemd").Warning);
        var loaded = ConfigurationLoader.Load(options.ConfigPath, new ConfigurationLoadOptions
        {
            InterfaceExists = name => NetlinkLinks.Find(name) is not null,
            ScriptEnvironment = Linux.Health.HostScriptEnvironment.Instance,
        });
        foreach (var diagnostic in loaded.Diagnostics) Console.Error.WriteLine(diagnostic);
        if (loaded.HasErrors || loaded.Configuration is null)
        {
            log.Error($"{options.ConfigPath}: configuration has errors; not started");
            NotConfigured.Explain(options.ConfigPath, Console.Error);
            return ExitCodes.ConfigError;
        }

        var lacking = NetworkCapabilities.Missing();
        if (lacking.Count > 0)
        {
            log.Error($"vrrpd run needs CAP_NET_ADMIN (virtual addresses) and CAP_NET_RAW (VRRP and ARP sockets); this process " +
                $"lacks {string.Join(" and ", lacking)}: run it as root or under the shipped systemd unit, which grants both; not started");
            return ExitCodes.RuntimeError;
        }

        // Before anything touches the network or an address: a second daemon must not remove the running one's
        // VIPs as "left behind", advertise or announce. Both the pid file and the control socket name a daemon, and
        // either in use means one runs (another pid file with the same socket is still the same daemon's place).
        PidFile? pid = null, socketLock = null;
        string? taking = null;
        try
        {
            taking = $"the pid file {options.PidFilePath}";
            pid = PidFile.TryAcquire(options.PidFilePath, out var pidHolder);
            if (pid is null) return Refuse($"holds {taking}", pidHolder);
            taking = $"the control socket's lock file {options.ControlSocketPath}.lock";
            socketLock = PidFile.TryAcquire(options.ControlSocketPath + ".lock", out var socketHolder);
            if (socketLock is null) return Refuse($"holds the control socket {options.ControlSocketPath}", socketHolder);
            if (ControlClient.IsAnswering(options.ControlSocketPath)) return Refuse($"answers on the control socket {options.ControlSocketPath}", null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            pid?.Dispose();
            log.Error($"cannot write {taking}: {ErrorText.Of(e)}{NeedsRoot()}");
            return ExitCodes.RuntimeError;
        }
        using var pidLock = pid;
        using var controlLock = socketLock;

        // From here the event loop logs: lines go to stderr from a thread of their own.
        Log.WriteInBackground();
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        // The event loop owns every state machine, its sockets and its microsecond timers; trackers and the rest
        // keep the system clock's timers (see EventLoop for why). Disposed after the daemon (usings unwind in reverse).
        var scheduling = new VrrpScheduling(loaded.Configuration.Global, log.For("scheduling"));
        scheduling.ApplyToProcess();
        using var loop = new EventLoop(onThreadStart: scheduling.ApplyToVrrpThread);
        using var daemon = new VrrpDaemon(loaded.Configuration, log, TimeProvider.System, loop);
        var reloader = new ConfigurationReloader(options.ConfigPath, daemon, systemd, log.For("reload"));
        daemon.ReloadRequested = () => reloader.Reload("vrrpd reload");
        // A SIGHUP inherited as ignored (started under nohup, or by a parent that ignores it) would make .NET skip
        // the handler (it keeps an inherited SIG_IGN), and `kill -HUP` would silently not reload: a daemon's reload
        // signal must work whoever started it, so the default disposition comes back first.
        Interop.Libc.signal(Interop.Libc.SIGHUP, 0);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            // Off the signal thread: a reload re-reads files and talks netlink.
            _ = Task.Run(() => reloader.Reload("SIGHUP"));
        });
        ControlServer control;
        MetricsServer? metrics = null;
        try
        {
            // Metrics first: a port in use stops the start before any instance has advertised.
            if (loaded.Configuration.Global.MetricsListen is { } endpoint)
                metrics = MetricsServer.Start(endpoint, daemon.Metrics,
                    new HealthEndpoints(() => daemon.Roles, () => daemon.IsResponsive(HealthProbeWait)), log.For("metrics"));
            daemon.Start();
            control = ControlServer.Start(options.ControlSocketPath, daemon, loaded.Configuration.Global.ControlSocketGroup, log.For("control"));
            // Raised on the loop: the line is taken there, the datagram leaves from the effects worker.
            daemon.Transitioned += () =>
            {
                var line = SystemdStatusLine.From(daemon.Snapshot());
                daemon.Effects.Enqueue(() => systemd.Status(line));
            };
            systemd.Ready(SystemdStatusLine.From(daemon.Snapshot()));
        }
        catch (Exception e) when (e is SocketException or NetlinkException or NativeCallException or IOException or UnauthorizedAccessException or InvalidOperationException or HttpListenerException or TimeoutException)
        {
            metrics?.Dispose();
            log.Error($"cannot start: {ErrorText.Of(e)}{NeedsRoot()}");
            return ExitCodes.RuntimeError;
        }
        using (control)
        using (metrics)
        {
            // The main thread: WATCHDOG=1 at half of WatchdogSec, only while the event loop answers, so a stuck
            // daemon stops pinging and systemd restarts it.
            var ping = systemd.WatchdogPingInterval ?? Timeout.InfiniteTimeSpan;
            while (!stop.Token.WaitHandle.WaitOne(ping))
            {
                if (daemon.IsResponsive(ping)) systemd.Watchdog();
            }
            systemd.Stopping();
            daemon.Stop();
        }
        return ExitCodes.Ok;

        int Refuse(string what, int? holder)
        {
            socketLock?.Dispose();
            pid?.Dispose();
            log.Error($"another vrrpd{(holder is { } p ? $" (pid {p})" : "")} {what}; not started");
            return ExitCodes.AlreadyRunning;
        }

        // The usual cause of a failed start, said once: vrrpd needs raw sockets, netlink and /run.
        static string NeedsRoot() => Environment.IsPrivilegedProcess ? "" : " (vrrpd run needs root)";

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            log.Info($"{context.Signal}: stopping");
            stop.Cancel();
        }
    }
}
