using Vrrpd.Daemon.Control;
using Vrrpd.Status;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

internal sealed partial class VrrpDaemon : IControlHandler
{
    /// <summary>Set by `vrrpd run`: re-reads the configuration and applies it (<see cref="Reload"/>).</summary>
    public Func<ControlReply>? ReloadRequested { get; set; }

    StatusReport IControlHandler.Status() => Snapshot();

    /// <summary>On the control socket's thread: a reload reads files there and applies on the loop; everything
    /// else runs on the loop, which owns the state machines. A loop that does not answer is reported, not waited
    /// for forever.</summary>
    public ControlReply Handle(ControlRequest request, PeerCredentials caller)
    {
        if (request.Command == ControlRequest.Reload)
            return ReloadRequested?.Invoke() ?? ControlReply.Failed("reload is not available");
        try
        {
            return _loop.Invoke(() => request.Command switch
            {
                ControlRequest.Demote => ForEachInstance(request, (instance, router) => DemoteOne(instance, router, caller)),
                ControlRequest.Resume => ForEachInstance(request, (instance, router) => ResumeOne(instance, router, caller)),
                ControlRequest.Clear => ClearTracker(request.Tracker, caller),
                ControlRequest.EventsFile => ControlReply.Done(_config.Global.EventsFile),
                _ => ControlReply.Failed($"unknown command '{request.Command}'"),
            }, LoopAnswerTimeout);
        }
        catch (TimeoutException e)
        {
            return ControlReply.Failed($"{request.Command}: {e.Message}");
        }
    }

    /// <summary>
    /// Runs a demote/resume on the named instance (or all). A sync group moves as one (keepalived vrrp_sync.c), so
    /// naming one member acts on every member; otherwise the group would pull the demoted one back.
    /// </summary>
    private ControlReply ForEachInstance(ControlRequest request, Func<InstanceRuntime, VirtualRouter, string> act)
    {
        List<InstanceRuntime> targets;
        if (request.All) targets = [.. _instances];
        else if (_instances.FirstOrDefault(i => i.Config.Name == request.Instance) is { } named) targets = [named];
        else return ControlReply.Failed(request.Instance is null
            ? $"{request.Command}: name an instance or give --all"
            : $"{request.Command}: no instance {request.Instance} (have: {string.Join(", ", _instances.Select(i => i.Config.Name))})");
        foreach (var group in _syncGroups.Where(g => g.Members.Any(m => targets.Any(t => t.Router == m))))
            targets.AddRange(_instances.Where(i => i.Router is { } r && group.Members.Contains(r) && !targets.Contains(i)));

        var lines = new List<string>();
        var ok = true;
        foreach (var instance in targets)
        {
            if (instance.Router is not { } router)
            {
                lines.Add($"{instance.Config.Name}: not running ({string.Join("; ", instance.FaultReasons)})");
                ok = false;
                continue;
            }
            try
            {
                lines.Add(act(instance, router));
            }
            catch (InvalidOperationException e)
            {
                lines.Add($"{instance.Config.Name}: {e.Message}");
                ok = false;
            }
        }
        return new ControlReply { Ok = ok, Message = string.Join("\n", lines) };
    }

    private string DemoteOne(InstanceRuntime instance, VirtualRouter router, PeerCredentials caller)
    {
        var was = router.State;
        var cause = $"demoted by operator uid {caller.Uid}";
        if (!router.Demote(cause)) return $"{instance.Config.Name}: already demoted ({router.DemotedBecause})";
        // A Master's demotion is reported by its transition; a Backup's has none, so it gets a line of its own.
        if (router.State == was) instance.OnOperatorAction("demote", cause, was);
        _log.Info($"{instance.Config.Name}: {cause} (pid {caller.Pid}); was {was}, held at priority {VirtualRouter.DemotedPriority} until resume");
        return $"{instance.Config.Name}: {was} -> {router.State}, held at priority {VirtualRouter.DemotedPriority} until `vrrpd resume`";
    }

    private string ResumeOne(InstanceRuntime instance, VirtualRouter router, PeerCredentials caller)
    {
        var cause = $"resumed by operator uid {caller.Uid}";
        if (!router.Resume()) return $"{instance.Config.Name}: not demoted";
        instance.OnOperatorAction("resume", cause, router.State);
        _log.Info($"{instance.Config.Name}: {cause} (pid {caller.Pid}); priority {router.EffectivePriority} again");
        return $"{instance.Config.Name}: resumed at priority {router.EffectivePriority} ({router.State})";
    }

    private ControlReply ClearTracker(string? name, PeerCredentials caller)
    {
        if (string.IsNullOrEmpty(name)) return ControlReply.Failed("clear: name a tracker");
        if (_trackers is null) return ControlReply.Failed("clear: no trackers");
        if (!_trackers.Knows(name)) return ControlReply.Failed($"clear: no tracked tracker named {name}");
        if (!_trackers.ClearLatch(name)) return ControlReply.Done($"{name}: no latched fault to clear");
        _log.Info($"{name}: latched fault cleared by operator uid {caller.Uid} (pid {caller.Pid}); it recovers after rise successes");
        return ControlReply.Done($"{name}: latched fault cleared; it counts as recovered after its rise successes");
    }
}
