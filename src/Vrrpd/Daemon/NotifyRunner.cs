using System.Diagnostics;
using Vrrpd.Configuration;
using Vrrpd.Logging;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

/// <summary>
/// Runs keepalived's notify_master/backup/fault/stop commands: argv as configured, no shell (a user who wants
/// one writes `notify_master "/bin/sh -c '...'"`). Fire-and-forget as in keepalived, so a slow script never
/// delays a takeover; the child is reaped in the background and a failure to start it is logged.
/// </summary>
internal sealed class NotifyRunner(Log log)
{
    public void OnTransition(string instanceName, NotifyCommands notify, VrrpState to, byte priority)
    {
        var specific = to switch
        {
            VrrpState.Master => notify.Master,
            VrrpState.Backup => notify.Backup,
            VrrpState.Fault => notify.Fault,
            VrrpState.Initialize => notify.Stop,
            _ => null,
        };
        if (specific is not null) Start(specific.Argv, []);
        // keepalived's generic `notify`: the command plus INSTANCE <name> <STATE> <priority>.
        if (notify.Generic is not null)
        {
            var state = to == VrrpState.Initialize ? "STOP" : to.ToString().ToUpperInvariant();
            Start(notify.Generic.Argv, ["INSTANCE", instanceName, state, priority.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }

    private void Start(IReadOnlyList<string> argv, string[] extra)
    {
        if (argv.Count == 0) return;
        var info = new ProcessStartInfo(argv[0]) { UseShellExecute = false };
        foreach (var a in argv.Skip(1)) info.ArgumentList.Add(a);
        foreach (var a in extra) info.ArgumentList.Add(a);
        try
        {
            var process = Process.Start(info);
            if (process is null) return;
            _ = ReapAsync(process, argv[0]);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            log.Error($"notify command {argv[0]} could not start: {e.Message}");
        }
    }

    private async Task ReapAsync(Process process, string name)
    {
        using (process)
        {
            await process.WaitForExitAsync().ConfigureAwait(false);
            if (process.ExitCode != 0) log.Warning($"notify command {name} exited with {process.ExitCode}");
        }
    }
}
