using System.Diagnostics;
using Vrrpd.Configuration;
using Vrrpd.Daemon.Notify;
using Vrrpd.Linux.Health;
using Vrrpd.Logging;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

/// <summary>
/// Runs keepalived's notify_master/backup/fault/stop commands: argv as configured, no shell (a user who wants
/// one writes `notify_master "/bin/sh -c '...'"`), as the user and group the configuration names
/// (<see cref="ScriptStartInfo"/>). Fire-and-forget as in keepalived, so a slow script never
/// delays a takeover; the child is reaped in the background and a failure to start it is logged. The same events go
/// to the notify FIFOs as lines.
/// </summary>
internal sealed class NotifyRunner(Log log, IReadOnlyList<NotifyFifo> fifos)
{
    /// <summary>keepalived's state words for scripts and FIFOs: MASTER, BACKUP, FAULT, STOP.</summary>
    private static string StateWord(VrrpState state) => state == VrrpState.Initialize ? "STOP" : state.ToString().ToUpperInvariant();

    /// <summary>A sync group as a whole changed state: its notify_* scripts, its generic notify with
    /// GROUP name state 0 (keepalived passes priority 0 for groups), and a GROUP line to every FIFO.</summary>
    public void OnGroupTransition(string groupName, NotifyCommands notify, VrrpState to)
    {
        Run(notify, to, "GROUP", groupName, 0);
    }

    /// <param name="fencingToken">With quorum ownership, the token of the claim this instance holds (or held until
    /// this transition): the scripts get it as VRRPD_FENCING_TOKEN, so one that moves a cloud IP or a route can
    /// refuse an order older than the last one it obeyed (docs/design/ownership.md §3 rule 6).</param>
    public void OnTransition(string instanceName, NotifyCommands notify, VrrpState to, byte priority, long? fencingToken = null)
    {
        Run(notify, to, "INSTANCE", instanceName, priority, fencingToken);
    }

    private void Run(NotifyCommands notify, VrrpState to, string kind, string name, byte priority, long? fencingToken = null)
    {
        var state = StateWord(to);
        var prio = priority.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var fifo in fifos) fifo.Write($"{kind} \"{name}\" {state} {prio}");
        var specific = to switch
        {
            VrrpState.Master => notify.Master,
            VrrpState.Backup => notify.Backup,
            VrrpState.Fault => notify.Fault,
            VrrpState.Initialize => notify.Stop,
            _ => null,
        };
        if (specific is not null) Start(specific, [], fencingToken);
        // keepalived's generic `notify`: the command plus INSTANCE|GROUP <name> <STATE> <priority>.
        if (notify.Generic is not null) Start(notify.Generic, [kind, name, state, prio], fencingToken);
    }

    private void Start(CommandLine command, string[] extra, long? fencingToken)
    {
        try
        {
            // As the account the configuration names (script_user, USER GROUP, keepalived_script), never as root instead.
            var info = ScriptStartInfo.Create(command, extra);
            if (fencingToken is { } token) info.Environment["VRRPD_FENCING_TOKEN"] = token.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var process = Process.Start(info);
            if (process is null) return;
            _ = ReapAsync(process, command.Argv[0]);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or ArgumentException)
        {
            log.Error($"notify command {command.Argv[0]} could not start: {ErrorText.Of(e)}");
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
